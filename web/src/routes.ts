import { type ComponentType, lazy } from 'react';
import type { TranslationKey } from './i18n';

/** A page of the app: its address, its label in the navigation and the component that draws it. */
export interface AppRoute {
  path: string;
  label: TranslationKey;
  page: ComponentType;
}

/**
 * Every page the signed-in user can open, in navigation order. Adding a page is adding one entry;
 * the first entry is where "/" leads. Pages load on first visit so the sign-in screen stays light.
 */
export const routes: AppRoute[] = [
  {
    path: '/units',
    label: 'nav.units',
    page: lazy(() => import('./pages/units/units.page').then((module) => ({ default: module.UnitsPage }))),
  },
  {
    path: '/standards',
    label: 'nav.standards',
    page: lazy(() => import('./pages/standards/standards.page').then((module) => ({ default: module.StandardsPage }))),
  },
];
