import { For } from 'solid-js';
import { fill, useI18n } from '../../lib/i18n.tsx';
import type { Outputs } from '../../lib/trpc.ts';
import { formatDate, formatMoney } from '../../../shared/format.ts';

type Flag = Outputs['cases']['list'][number]['flags'][number];

/** Why a flag applies, in words: the server sends the fact (amount, date) behind it. */
export function useFlagReason() {
  const { t } = useI18n();
  return (flag: Flag) => {
    const amount = Number(flag.detail);
    return fill(t().flagReasons[flag.flag], {
      amount: flag.flag === 'large_credit' && Number.isSafeInteger(amount) ? formatMoney(amount) : '',
      date: flag.flag === 'older_than_3_years' && flag.detail ? formatDate(flag.detail) : '',
    });
  };
}

/** Complexity flags as badges; the reason shows on hover and is read out by screen readers. */
export function FlagBadges(props: { flags: Flag[] }) {
  const { t } = useI18n();
  const reason = useFlagReason();
  return (
    <span class="flag-badges">
      <For each={props.flags}>
        {(flag) => (
          <span class={`badge badge-flag flag-${flag.flag}`} title={reason(flag)}>
            {t().flags[flag.flag]}<span class="sr-only">: {reason(flag)}</span>
          </span>
        )}
      </For>
    </span>
  );
}
