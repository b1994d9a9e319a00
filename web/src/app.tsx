import { Suspense, useEffect, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { DemoBanner } from './components/demo-banner';
import { ErrorAlert } from './components/error-alert';
import { LanguageSwitch } from './components/language-switch';
import { ReportReminders } from './pages/reports/report-reminders';
import { PageErrorBoundary } from './components/page-error-boundary';
import { Progress } from './components/progress';
import { useT } from './i18n';
import { SignInPage } from './pages/sign-in.page';
import { type AppRoute, routes } from './routes';
import { SessionProvider, useSession, useSessionLoader } from './session';

export function App() {
  const { t } = useT();
  const state = useSessionLoader();

  if (state.status === 'loading') {
    return (
      <div className="page-center">
        <Progress label={t('app.loading')} />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="page-center">
        <p className="page-center__title">{t('app.name')}</p>
        <ErrorAlert error={state.error} onRetry={state.retry} />
        <LanguageSwitch />
      </div>
    );
  }
  return (
    <SessionProvider session={state.session}>
      {state.session.user ? <Shell /> : <SignInPage />}
    </SessionProvider>
  );
}

/** True when a location fits a route pattern such as `/program/households/:code`. */
function matchRoute(pattern: string, location: string): boolean {
  const segments = pattern.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part));
  return new RegExp(`^${segments.join('/')}$`).test(location);
}

function isCurrent(route: AppRoute, location: string): boolean {
  return location === route.path || location.startsWith(`${route.path}/`);
}

function Shell() {
  const { t } = useT();
  const { health, user, signOut } = useSession();
  const [location] = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const current =
    routes.find((route) => route.inNav === false && matchRoute(route.path, location)) ??
    routes.find((route) => route.inNav !== false && isCurrent(route, location));
  const home = routes[0]?.path ?? '/';

  useEffect(() => {
    if (current) document.title = t('app.pageTitle', { page: t(current.label) });
  }, [current, t]);

  if (!user) return null;
  const place = user.unitName ?? user.agencyName;

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The session is dropped locally either way; the cookie expires on its own.
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__emblem" aria-hidden="true">
            {t('app.shortName')}
          </span>
          <div>
            <p className="app-header__name">{t('app.name')}</p>
            <p className="app-header__province">{health.province.name}</p>
          </div>
        </div>
        <div className="app-header__tools">
          <section className="app-header__user" aria-label={t('shell.userMenu')}>
            <p className="app-header__user-name">{user.displayName}</p>
            <p className="app-header__user-role">
              {t(`roles.${user.role}`)}
              {place && <> · {place}</>}
            </p>
          </section>
          <ReportReminders />
          <LanguageSwitch />
          <button type="button" className="button button--on-dark" onClick={handleSignOut} disabled={signingOut}>
            {signingOut ? t('shell.signingOut') : t('shell.signOut')}
          </button>
        </div>
      </header>
      {health.demo && <DemoBanner compact />}
      <nav className="main-nav" aria-label={t('shell.mainNav')}>
        <ul>
          {routes.filter((route) => route.inNav !== false && (!route.roles || route.roles.includes(user.role))).map((route) => (
            <li key={route.path}>
              <Link
                href={route.path}
                className="main-nav__link"
                aria-current={route === current ? 'page' : undefined}
              >
                {t(route.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        <PageErrorBoundary key={current?.path}>
          <Suspense fallback={<Progress label={t('app.loading')} />}>
            <Switch>
              {routes.map((route) => (
                <Route key={route.path} path={route.path} component={route.page} />
              ))}
              <Route>
                <Redirect to={home} replace />
              </Route>
            </Switch>
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}
