import { lazy, Suspense, useEffect, useRef } from 'react';
import { Route, useLocation } from 'react-router-dom';
import { App as ZaUIApp } from 'zmp-ui';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { OfflineNotice } from '../components/OfflineNotice.tsx';
import { AppRouter, AppRoutes, RUNTIME } from '../platform/index.ts';
import { ROUTES } from './routes.tsx';

/**
 * After each navigation inside the app, start the new page at the top and move focus to its <h1>, so screen
 * reader users hear where they are (a full page load does that by itself; client-side navigation does not).
 */
function FocusOnNavigate() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}

/**
 * Zalo build only: signs in with Zalo at start and says when that failed (its own chunk: it needs the citizen
 * session). Rendered above the pages, in the flow, so the notice pushes the page down instead of covering its
 * buttons. The web build leaves it out (RUNTIME is a build-time constant).
 */
const ZaloSignInNotice =
  RUNTIME === 'zalo'
    ? lazy(async () => ({
        default: (await import('../features/zalo/ZaloSignInNotice.tsx')).ZaloSignInNotice,
      }))
    : null;

export function App() {
  return (
    <ErrorBoundary>
      <ZaUIApp theme="light">
        <OfflineNotice />
        <AppRouter>
          {ZaloSignInNotice && (
            <Suspense fallback={null}>
              <ZaloSignInNotice />
            </Suspense>
          )}
          <FocusOnNavigate />
          <AppRoutes>
            {ROUTES.map((route) => (
              <Route key={route.path} path={route.path} element={route.element} />
            ))}
          </AppRoutes>
        </AppRouter>
      </ZaUIApp>
    </ErrorBoundary>
  );
}
