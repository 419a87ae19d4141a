import { A, createAsync, useParams, useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAgreementPrintable } from '../../lib/queries.ts';
import { placeAndDate } from '../../../shared/format.ts';
import './print.css';

/**
 * The agreement laid out as the Word export (Nghị định 30/2020): issuers and number left, motto
 * right, place and date, title, numbered body, every party's signature block. Printing hides the
 * app around it (print.css).
 */
export default function AgreementPrint() {
  const { t } = useI18n();
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ version?: string }>();
  const doc = createAsync(() => getAgreementPrintable(params.id, search.version));
  return (
    <div class="print-view">
      <div class="print-toolbar no-print">
        <A class="button button-ghost" href={`/agreements/${params.id}`}>{t().common.back}</A>
        <button class="button button-primary" onClick={() => window.print()}>{t().lifecycle.printNow}</button>
        <a class="button button-ghost" href={`/export/agreements/${params.id}.docx${search.version ? `?version=${search.version}` : ''}`} download="">{t().lifecycle.download}</a>
      </div>
      <Show when={doc()}>
        {(d) => (
          <article class="a4" lang="vi" data-testid="print-page">
            <table class="print-header"><tbody><tr>
              <td class="issuer">
                <p class="issuer-names">{d().parties.map((p) => p.nameVi.toUpperCase()).join(' - ')}</p>
                <hr class="short-rule" />
                <p>Số: {d().docNumber || '      /QCPH'}</p>
              </td>
              <td class="motto">
                <p class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
                <p class="motto-line">Độc lập - Tự do - Hạnh phúc</p>
                <hr class="motto-rule" />
                <p class="place-date">{placeAndDate(d().place, d().date)}</p>
              </td>
            </tr></tbody></table>
            <For each={d().blocks}>
              {(block) => {
                switch (block.kind) {
                  case 'title': return <h1 class="doc-title">{block.text}</h1>;
                  case 'preamble': return <p class="preamble">{block.text}</p>;
                  case 'chapter': return <><p class="chapter-label">{block.label}</p><p class="chapter-title">{block.text}</p></>;
                  case 'article': return <p class="article-heading"><strong>{block.label} {block.text}</strong></p>;
                  case 'clause': case 'point': return <p class="body">{block.label} {block.text}</p>;
                  default: return <Show when={block.text.trim()}><p class="body">{block.text}</p></Show>;
                }
              }}
            </For>
            {/* The very blocks of the .docx and the .pdf (shared/signature-block.ts). */}
            <div class="signature-blocks">
              <For each={d().signatureBlocks}>
                {(block) => (
                  <div class="signature-block" data-testid="signature-block">
                    <For each={block.lines}>{(line) => <p class="sig-title">{line}</p>}</For>
                    <Show when={block.signed} fallback={<div class="sig-space" />}><p class="sig-signed">(Đã ký)</p></Show>
                    <p class="sig-name">{block.name}</p>
                  </div>
                )}
              </For>
            </div>
            <div class="recipients">
              <p><strong><em>{t().lifecycle.recipients}:</em></strong></p>
              <For each={d().parties}>{(p) => <p>- {p.nameVi};</p>}</For>
              <p>- Lưu: VT.</p>
            </div>
          </article>
        )}
      </Show>
    </div>
  );
}
