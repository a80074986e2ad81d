import { type ComponentType, lazy, type ReactElement, Suspense } from 'react';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { CamerasPage } from '../features/cameras/CamerasPage.tsx';
import { DirectoryPage } from '../features/directories/DirectoryPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { NewsPage } from '../features/news/NewsPage.tsx';
import { PortalPage } from '../features/portals/PortalPage.tsx';
import { APPOINTMENT_PATHS, NEWS_POST_PATH, PATHS, REPORT_PATHS } from './paths.ts';

/**
 * A page in its own chunk, fetched the first time it is opened: the home's first load (at most 100 kB on the
 * wire, e2e/journeys/wire-budget.e2e.ts) carries only the home. The small "coming soon" pages stay in it.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactElement {
  const Page = lazy<ComponentType>(async () => {
    // No module: its chunk is gone from a newer version and the page is reloading into it (keepAppOnDevice in
    // src/platform): keep showing "Đang tải…" until the reload replaces this page.
    const module: Record<K, ComponentType> | undefined = await load();
    if (!module) return new Promise<never>(() => {});
    return { default: module[name] };
  });
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

export const ROUTES: readonly { path: string; element: ReactElement }[] = [
  { path: PATHS.home, element: <HomePage /> },
  {
    path: REPORT_PATHS.hub,
    element: lazyPage(() => import('../features/reports/ReportsPage.tsx'), 'ReportsPage'),
  },
  {
    path: REPORT_PATHS.new,
    element: lazyPage(() => import('../features/reports/new/NewReportPage.tsx'), 'NewReportPage'),
  },
  {
    path: REPORT_PATHS.mine,
    element: lazyPage(() => import('../features/reports/mine/MyReportsPage.tsx'), 'MyReportsPage'),
  },
  {
    path: REPORT_PATHS.mineDetail,
    element: lazyPage(() => import('../features/reports/mine/MyReportDetailPage.tsx'), 'MyReportDetailPage'),
  },
  {
    path: REPORT_PATHS.public,
    element: lazyPage(() => import('../features/reports/public/PublicReportsPage.tsx'), 'PublicReportsPage'),
  },
  {
    path: REPORT_PATHS.publicDetail,
    element: lazyPage(
      () => import('../features/reports/public/PublicReportDetailPage.tsx'),
      'PublicReportDetailPage',
    ),
  },
  {
    path: REPORT_PATHS.followedDetail,
    element: lazyPage(
      () => import('../features/reports/public/PublicReportDetailPage.tsx'),
      'FollowedReportDetailPage',
    ),
  },
  {
    path: REPORT_PATHS.notifications,
    element: lazyPage(() => import('../features/notifications/NotificationsPage.tsx'), 'NotificationsPage'),
  },
  {
    path: PATHS.planning,
    element: lazyPage(() => import('../features/planning/PlanningPage.tsx'), 'PlanningPage'),
  },
  {
    path: APPOINTMENT_PATHS.hub,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'AppointmentsPage'),
  },
  {
    path: APPOINTMENT_PATHS.new,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'NewBookingPage'),
  },
  {
    path: APPOINTMENT_PATHS.remote,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'RemoteTicketPage'),
  },
  {
    path: APPOINTMENT_PATHS.mine,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'MyBookingsPage'),
  },
  {
    path: APPOINTMENT_PATHS.mineDetail,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'BookingPage'),
  },
  {
    path: APPOINTMENT_PATHS.reschedule,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'ReschedulePage'),
  },
  {
    path: APPOINTMENT_PATHS.ticket,
    element: lazyPage(() => import('../features/appointments/pages.ts'), 'TicketPage'),
  },
  { path: PATHS.cameras, element: <CamerasPage /> },
  { path: PATHS.nationalPortal, element: <PortalPage portal="national" /> },
  { path: PATHS.provincialPortal, element: <PortalPage portal="provincial" /> },
  { path: PATHS.police, element: <DirectoryPage kind="police" /> },
  { path: PATHS.health, element: <DirectoryPage kind="health" /> },
  { path: PATHS.news, element: <NewsPage /> },
  { path: NEWS_POST_PATH, element: <NewsPage /> },
  { path: '*', element: <NotFoundPage /> },
];
