import { lazy } from 'solid-js';
import type { RouteDefinition, RoutePreloadFuncArgs } from '@solidjs/router';
import {
  getAgencies, getAgreement, getAgreementComments, getAgreementConsultation, getAgreementDuties, getAgreementHistory,
  getAgreementLifecycle, getAgreementReviews, getAgreementSuggestions, revalidateAgreement,
} from './lib/queries.ts';
import { preopenLiveDocument } from './lib/collab.ts';

/**
 * An agreement opened by navigation: its calls and its live document start with the page's code
 * download, not after it (a hovered link only warms the calls; a WebSocket is for a real visit).
 */
function preloadAgreement({ params, intent }: RoutePreloadFuncArgs) {
  const id = params.id!;
  getAgencies().catch(() => {});
  // A refusal (forbidden, missing) is the page's to show when it reads the call; warming it must not raise it again.
  const warm = (loads: ((id: string) => Promise<unknown>)[]) => { for (const load of loads) load(id).catch(() => {}); };
  warm([getAgreement, getAgreementComments, getAgreementDuties]);
  // The lifecycle's calls (the slowest to answer) in a batch of their own, so the text's do not wait for them.
  setTimeout(() => warm([getAgreementLifecycle, getAgreementConsultation, getAgreementSuggestions, getAgreementReviews, getAgreementHistory]));
  if (intent !== 'preload') preopenLiveDocument('agreement', id, () => revalidateAgreement(id));
}

/** The signed-in areas, each page loaded when first visited. Paths match shared/routes.ts. */
export const appRoutes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./pages/dashboard/Dashboard.tsx')) },
  { path: '/agreements', component: lazy(() => import('./pages/agreements/AgreementList.tsx')) },
  { path: '/agreements/:id/implementation', component: lazy(() => import('./pages/agreements/ImplementationPage.tsx')) },
  { path: '/agreements/:id', component: lazy(() => import('./pages/agreements/AgreementPage.tsx')), preload: preloadAgreement },
  { path: '/agreements/:id/print', component: lazy(() => import('./pages/agreements/AgreementPrint.tsx')) },
  { path: '/meetings', component: lazy(() => import('./pages/meetings/MeetingList.tsx')) },
  { path: '/meetings/:id', component: lazy(() => import('./pages/meetings/MeetingPage.tsx')) },
  { path: '/cases', component: lazy(() => import('./pages/cases/CaseList.tsx')) },
  { path: '/cases/:id', component: lazy(() => import('./pages/cases/CasePage.tsx')) },
  { path: '/action-items', component: lazy(() => import('./pages/action-items/ActionItems.tsx')) },
  { path: '/action-items/:id', component: lazy(() => import('./pages/action-items/ActionItemPage.tsx')) },
  { path: '/statistics', component: lazy(() => import('./pages/statistics/Statistics.tsx')) },
  { path: '/agencies', component: lazy(() => import('./pages/agencies/Agencies.tsx')) },
  { path: '/admin/users', component: lazy(() => import('./pages/admin/Users.tsx')) },
  { path: '/admin/audit', component: lazy(() => import('./pages/admin/Audit.tsx')) },
  { path: '/account', component: lazy(() => import('./pages/account/Account.tsx')) },
  { path: '*404', component: lazy(() => import('./pages/NotFound.tsx')) },
];
