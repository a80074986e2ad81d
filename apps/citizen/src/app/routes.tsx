import type { ReactElement } from 'react';
import { NotFoundPage } from '../components/NotFoundPage.tsx';
import { AppointmentsPage } from '../features/appointments/AppointmentsPage.tsx';
import { CamerasPage } from '../features/cameras/CamerasPage.tsx';
import { DirectoryPage } from '../features/directories/DirectoryPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { NewsPage } from '../features/news/NewsPage.tsx';
import { PlanningPage } from '../features/planning/PlanningPage.tsx';
import { PortalPage } from '../features/portals/PortalPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { PATHS } from './paths.ts';

/** The route table. Pages are small today, so they ship in the one bundle; split with React.lazy when they grow. */
export const ROUTES: readonly { path: string; element: ReactElement }[] = [
  { path: PATHS.home, element: <HomePage /> },
  { path: PATHS.reports, element: <ReportsPage /> },
  { path: PATHS.planning, element: <PlanningPage /> },
  { path: PATHS.appointments, element: <AppointmentsPage /> },
  { path: PATHS.cameras, element: <CamerasPage /> },
  { path: PATHS.nationalPortal, element: <PortalPage portal="national" /> },
  { path: PATHS.provincialPortal, element: <PortalPage portal="provincial" /> },
  { path: PATHS.police, element: <DirectoryPage kind="police" /> },
  { path: PATHS.health, element: <DirectoryPage kind="health" /> },
  { path: PATHS.news, element: <NewsPage /> },
  { path: '*', element: <NotFoundPage /> },
];
