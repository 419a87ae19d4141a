/**
 * "Tài liệu đính kèm" of a record (`agreement:<id>`, `meeting:<id>`, `actionItem:<id>`, `case:<id>`):
 * its files with name, size and a download link, and, for who may attach, an upload button that
 * shows its progress. The server reads the type from the content and refuses what it does not keep.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { fill, useI18n } from '../lib/i18n.tsx';
import { api, errorMessage } from '../lib/trpc.ts';
import { FormError } from './Field.tsx';
import { formatDateTime } from '../../shared/format.ts';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.png,.jpg,.jpeg,.tif,.tiff,.txt';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** POST /attachments with progress; resolves on 201, rejects with the server's message otherwise. */
function send(target: string, file: File, onProgress: (percent: number) => void, fallback: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/attachments');
    request.responseType = 'json';
    request.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100)); };
    request.onload = () => {
      if (request.status === 201) return resolve();
      const body = request.response as { error?: string } | null;
      reject(new Error(body?.error ?? fallback));
    };
    request.onerror = () => reject(new Error(fallback));
    const form = new FormData();
    form.set('target', target);
    form.set('file', file);
    request.send(form);
  });
}

export function Attachments(props: { target: string }) {
  const { t } = useI18n();
  const [list, { refetch }] = createResource(() => props.target, (target) => api.attachments.list.query({ target }));
  const [progress, setProgress] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  let input: HTMLInputElement | undefined;

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    setDone(undefined);
    if (file.size > MAX_BYTES) return setError(t().attachments.tooLarge);
    setProgress(0);
    try {
      await send(props.target, file, setProgress, t().attachments.failed);
      setDone(fill(t().attachments.uploaded, { name: file.name }));
      await refetch();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setProgress(null);
      if (input) input.value = '';
    }
  };

  return (
    <section class="card attachments">
      <h2>{t().attachments.title}</h2>
      <Show when={!list.error} fallback={<FormError message={errorMessage(list.error)} />}>
        <Show when={list()?.items.length} fallback={<p class="muted">{list.loading ? t().common.loading : t().attachments.empty}</p>}>
          <ul class="list">
            <For each={list()?.items}>
              {(item) => (
                <li class="list-item">
                  <div>
                    <a href={`/attachments/${encodeURIComponent(item.id)}`} download={item.name}><strong>{item.name}</strong></a>
                    <div class="muted small">
                      {formatSize(item.size)} · {fill(t().attachments.by, { name: item.uploaderName, agency: item.agencyShortName })} · {formatDateTime(item.createdAt)}
                    </div>
                  </div>
                  <a class="button button-ghost" href={`/attachments/${encodeURIComponent(item.id)}`} download={item.name}>{t().attachments.download}</a>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={list()?.canUpload}>
        <div class="attachments-upload">
          <input ref={input} type="file" accept={ACCEPT} hidden onChange={(event) => void upload(event.currentTarget.files?.[0])} />
          <button class="button" type="button" disabled={progress() !== null} onClick={() => input?.click()}>
            {progress() === null ? t().attachments.upload : fill(t().attachments.uploading, { percent: progress()! })}
          </button>
          <Show when={progress() !== null}><progress max="100" value={progress() ?? 0} aria-label={t().attachments.upload} /></Show>
          <p class="muted small">{t().attachments.accepted}</p>
        </div>
      </Show>
      <FormError message={error()} />
      <Show when={done()}><p class="muted small" role="status">{done()}</p></Show>
    </section>
  );
}
