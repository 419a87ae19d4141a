import { A, createAsync, revalidate, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, ErrorBoundary, For, on, Show, Suspense } from 'solid-js';
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { useI18n } from '../lib/i18n.tsx';
import { getMe, signOut } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';
import { SearchBox } from './SearchBox.tsx';
import { RecordError } from './RecordError.tsx';
import { getActiveItemCount } from '../lib/queries.ts';
import { NotificationBell } from './NotificationBell.tsx';
import type { Locale } from '../../shared/domain.ts';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const choose = async (next: Locale) => {
    setLocale(next);
    // Signed in, the choice follows the user to other devices; signed out, the cookie keeps it.
    const signedIn = await api.account.setLocale.mutate({ locale: next }).then(() => true, () => false);
    if (signedIn) await revalidate('me');
  };
  return (
    <div class="language-switch" role="group" aria-label={t().common.language}>
      <For each={['vi', 'en'] as const}>
        {(code) => (
          <button type="button" aria-pressed={locale() === code} onClick={() => choose(code)}>{code.toUpperCase()}</button>
        )}
      </For>
    </div>
  );
}

/** The signed-in frame: navigation by area, the user's agency, language, sign-out. */
export function AppShell(props: RouteSectionProps) {
  const { t, setLocale, locale } = useI18n();
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  const [menuOpen, setMenuOpen] = createSignal(false);

  // Only when the user changes (sign-in, reload): the saved language wins over the cookie.
  createEffect(on(me, (user) => {
    if (user === null) navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
    if (user && user.locale !== locale()) setLocale(user.locale);
  }));

  const isAdmin = () => me()?.roles.includes('admin') ?? false;
  const activeCount = createAsync(() => (me() ? getActiveItemCount() : Promise.resolve(0)));
  const openItems = () => activeCount() ?? 0;
  const work = () => [
    { href: '/', label: t().nav.dashboard, end: true },
    { href: '/agreements', label: t().nav.agreements },
    { href: '/meetings', label: t().nav.meetings },
    { href: '/cases', label: t().nav.cases },
    { href: '/action-items', label: t().nav.actionItems, count: openItems },
    { href: '/statistics', label: t().nav.statistics },
    { href: '/agencies', label: t().nav.agencies },
  ];
  const admin = () => [
    { href: '/admin/users', label: t().nav.users },
    { href: '/admin/audit', label: t().nav.audit },
  ];

  return (
    <Show when={me()}>
      {(user) => (
        <div class="shell" classList={{ 'menu-open': menuOpen() }}>
          <header class="topbar">
            <button class="icon-button menu-button" aria-expanded={menuOpen()} aria-controls="sidebar" onClick={() => setMenuOpen(!menuOpen())}>
              <span aria-hidden="true">☰</span><span class="sr-only">{t().nav.menu}</span>
            </button>
            <A href="/" class="brand" aria-label="Concord"><span class="brand-mark" aria-hidden="true" /><span class="brand-name">Concord</span></A>
            <span class="topbar-agency">{user().agency.nameVi}</span>
            <SearchBox />
            <div class="topbar-end">
              <Suspense><NotificationBell /></Suspense>
              <LanguageSwitch />
              <DropdownMenu>
                <DropdownMenu.Trigger class="user-button">
                  <span class="avatar" aria-hidden="true">{user().name.split(' ').pop()?.[0]}</span>
                  <span class="user-name">{user().name}</span>
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content class="menu">
                    <div class="menu-header">
                      <strong>{user().name}</strong>
                      <span>{user().title}</span>
                      <span class="muted">{user().email}</span>
                    </div>
                    <DropdownMenu.Item class="menu-item" onSelect={() => navigate('/account')}>{t().nav.account}</DropdownMenu.Item>
                    <DropdownMenu.Item class="menu-item" onSelect={async () => { await signOut(); navigate('/sign-in'); }}>{t().common.signOut}</DropdownMenu.Item>
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu>
            </div>
          </header>
          <nav id="sidebar" class="sidebar" aria-label={t().nav.menu} onClick={() => setMenuOpen(false)}>
            <p class="nav-heading">{t().nav.work}</p>
            <For each={work()}>
              {(item) => (
                <A href={item.href} end={item.end} class="nav-link" activeClass="active">
                  {item.label}
                  {/* Its own boundary: refreshing the count must not suspend the page under it. */}
                  <Suspense><Show when={item.count?.()}><span class="nav-count">{item.count!()}</span></Show></Suspense>
                </A>
              )}
            </For>
            <Show when={isAdmin()}>
              <p class="nav-heading">{t().nav.administration}</p>
              <For each={admin()}>{(item) => <A href={item.href} class="nav-link" activeClass="active">{item.label}</A>}</For>
            </Show>
          </nav>
          <main class="content" id="main">
            {/* A page whose record is missing, refused or failed shows it here, inside the app, never a blank page. */}
            <ErrorBoundary fallback={(error, reset) => <RecordError error={error} reset={reset} />}>{props.children}</ErrorBoundary>
          </main>
        </div>
      )}
    </Show>
  );
}
