import { createAsync } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../lib/i18n.tsx';
import { getAudit } from '../../lib/queries.ts';
import { Page } from '../../components/Page.tsx';
import { AUDIT_ENTITY_WORDS, auditActionLabel, auditFields, auditTime } from '../../../shared/audit-words.ts';

export default function Audit() {
  const { t } = useI18n();
  const [cursor, setCursor] = createSignal<number | undefined>();
  const [history, setHistory] = createSignal<(number | undefined)[]>([]);
  const page = createAsync(() => getAudit(cursor()));

  return (
    <Page title={t().audit.title} subtitle={t().audit.subtitle}>
      <div class="table-wrap card">
        <table class="table">
          <thead><tr><th>{t().audit.at}</th><th>{t().audit.who}</th><th>{t().audit.entity}</th><th>{t().audit.action}</th><th>{t().audit.details}</th></tr></thead>
          <tbody>
            <For each={page()?.items}>
              {(entry) => (
                <tr>
                  <td class="nowrap"><time datetime={entry.at}>{auditTime(entry.at)}</time></td>
                  <td>{entry.userName ?? t().audit.system}<Show when={entry.agencyShortName}><div class="muted small">{entry.agencyShortName}</div></Show></td>
                  <td>{AUDIT_ENTITY_WORDS[entry.entity] ?? entry.entity}<div class="muted small mono">{entry.entityId}</div></td>
                  <td><span title={entry.action}>{auditActionLabel(entry.entity, entry.action)}</span></td>
                  <td class="small audit-summary">
                    <Show when={auditFields(entry.summary).length} fallback={<span class="muted">—</span>}>
                      <dl class="audit-fields">
                        <For each={auditFields(entry.summary)}>{(field) => <><dt>{field.label}</dt><dd>{field.value}</dd></>}</For>
                      </dl>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="pager">
        <button class="button button-ghost" disabled={history().length === 0}
          onClick={() => { const h = history(); setCursor(h[h.length - 1]); setHistory(h.slice(0, -1)); }}>← {t().common.back}</button>
        <button class="button button-ghost" disabled={!page()?.nextCursor}
          onClick={() => { setHistory([...history(), cursor()]); setCursor(page()?.nextCursor ?? undefined); }}>{t().audit.older} →</button>
      </div>
    </Page>
  );
}
