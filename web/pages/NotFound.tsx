import { A } from '@solidjs/router';
import { useI18n } from '../lib/i18n.tsx';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <section class="page not-found">
      <h1>{t().notFound.title}</h1>
      <p>{t().notFound.body}</p>
      <A class="button" href="/">{t().notFound.home}</A>
    </section>
  );
}
