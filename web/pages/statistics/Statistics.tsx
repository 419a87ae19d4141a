import { useI18n } from '../../lib/i18n.tsx';
import { Page } from '../../components/Page.tsx';

export default function Statistics() {
  const { t } = useI18n();
  return (
    <Page title={t().statistics.title} subtitle={t().statistics.subtitle}>
      <p class="callout">{t().statistics.notYet}</p>
    </Page>
  );
}
