import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The signed-in areas, each page loaded when first visited. Paths match shared/routes.ts. */
export const appRoutes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./pages/dashboard/Dashboard.tsx')) },
  { path: '/agreements', component: lazy(() => import('./pages/agreements/AgreementList.tsx')) },
  { path: '/agreements/:id/implementation', component: lazy(() => import('./pages/agreements/ImplementationPage.tsx')) },
  { path: '/agreements/:id', component: lazy(() => import('./pages/agreements/AgreementPage.tsx')) },
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
