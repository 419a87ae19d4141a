import { render } from 'solid-js/web';
import { Router, type RouteDefinition } from '@solidjs/router';
import { lazy, Suspense, type ParentProps } from 'solid-js';
import { I18nProvider } from './lib/i18n.tsx';
import { AppShell } from './components/AppShell.tsx';
import { appRoutes } from './routes.ts';
import './styles.css';
import { installFormMessages } from './components/Field.tsx';

const SignIn = lazy(() => import('./pages/auth/SignIn.tsx'));

function Root(props: ParentProps) {
  return <I18nProvider><Suspense>{props.children}</Suspense></I18nProvider>;
}

const routes: RouteDefinition[] = [
  { path: '/sign-in', component: SignIn },
  { path: '/', component: AppShell, children: appRoutes },
];

// Form controls the browser finds invalid say so in Vietnamese under the field, never in the browser's own bubble.
installFormMessages();

render(() => <Router root={Root}>{routes}</Router>, document.getElementById('root')!);
