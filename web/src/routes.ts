import { type ComponentType, lazy } from 'react';
import type { Role } from './api';
import type { TranslationKey } from './i18n';

/** A page of the app: its address, its label in the navigation and the component that draws it. */
export interface AppRoute {
  path: string;
  label: TranslationKey;
  page: ComponentType;
  /** False for pages reached from another page (a record's detail), not from the navigation. */
  inNav?: boolean;
  /** The roles the navigation lists it for (all when absent); the server still checks every call. */
  roles?: readonly Role[];
}

/**
 * Every page the signed-in user can open, in navigation order. Adding a page is adding one entry;
 * the first entry is where "/" leads. Pages load on first visit so the sign-in screen stays light.
 */
export const routes: AppRoute[] = [
  {
    path: '/dashboard',
    label: 'nav.dashboard',
    page: lazy(() => import('./pages/dashboard/dashboard.page').then((module) => ({ default: module.DashboardPage }))),
  },
  {
    path: '/targets',
    label: 'dashboard.targetsPage.nav',
    page: lazy(() => import('./pages/targets/targets.page').then((module) => ({ default: module.TargetsPage }))),
  },
  {
    path: '/units',
    label: 'nav.units',
    page: lazy(() => import('./pages/units/units.page').then((module) => ({ default: module.UnitsPage }))),
  },
  {
    path: '/households',
    label: 'nav.households',
    page: lazy(() => import('./pages/households/households.page').then((module) => ({ default: module.HouseholdsPage }))),
  },
  {
    path: '/imports',
    label: 'nav.imports',
    page: lazy(() => import('./pages/imports/imports.page').then((module) => ({ default: module.ImportsPage }))),
  },
  {
    path: '/standards',
    label: 'nav.standards',
    page: lazy(() => import('./pages/standards/standards.page').then((module) => ({ default: module.StandardsPage }))),
  },
  {
    path: '/program',
    label: 'nav.program',
    page: lazy(() => import('./pages/program/program.page').then((module) => ({ default: module.ProgramPage }))),
  },
  {
    // Without a household code the page lists the households still lacking a plan or a helper.
    path: '/support-plans',
    label: 'nav.supportPlan',
    page: lazy(() => import('./pages/program/support-plan').then((module) => ({ default: module.SupportPlanPage }))),
  },
  {
    path: '/program/households/:code',
    label: 'nav.supportPlan',
    inNav: false,
    page: lazy(() => import('./pages/program/support-plan').then((module) => ({ default: module.SupportPlanPage }))),
  },
  {
    path: '/review',
    label: 'nav.review',
    page: lazy(() => import('./pages/review/review.page').then((module) => ({ default: module.ReviewPage }))),
  },
  {
    path: '/reports',
    label: 'nav.reports',
    page: lazy(() => import('./pages/reports/reports.page').then((module) => ({ default: module.ReportsPage }))),
  },
  {
    // Province admin and supervisors (src/modules/access/route-access.ts); others get a 403 if they type the address.
    path: '/audit',
    label: 'audit.title',
    roles: ['province_admin', 'supervisor'],
    page: lazy(() => import('./pages/audit/audit.page').then((module) => ({ default: module.AuditPage }))),
  },
  {
    // The province admin manages users here; every other role sees their own account.
    path: '/users',
    label: 'users.nav',
    page: lazy(() => import('./pages/users/users.page').then((module) => ({ default: module.UsersPage }))),
  },
  {
    path: '/account',
    label: 'users.account.title',
    inNav: false,
    page: lazy(() => import('./pages/account/account.page').then((module) => ({ default: module.AccountPage }))),
  },
];
