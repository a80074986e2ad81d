import { useTranslation } from 'react-i18next';
import { Route, Routes, useMatch } from 'react-router-dom';
import { ErrorMessage, Loading } from '../components/States.tsx';
import { AgenciesPage } from '../features/agencies/AgenciesPage.tsx';
import { ApiClientsPage } from '../features/api-clients/ApiClientsPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { CalendarPage } from '../features/calendar/CalendarPage.tsx';
import { CategoriesPage } from '../features/categories/CategoriesPage.tsx';
import { EditCentrePage, NewCentrePage } from '../features/centres/CentreFormPage.tsx';
import { CentresPage } from '../features/centres/CentresPage.tsx';
import { ClosuresPage } from '../features/centres/ClosuresPage.tsx';
import { CommuneBoundariesPage } from '../features/communes/CommuneBoundariesPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { LandUseCodesPage } from '../features/land-use-codes/LandUseCodesPage.tsx';
import { DatasetPage } from '../features/planning/DatasetPage.tsx';
import { DatasetsPage } from '../features/planning/DatasetsPage.tsx';
import { ImportPage } from '../features/planning/ImportPage.tsx';
import { BoardPage } from '../features/queue/BoardPage.tsx';
import { CounterPage } from '../features/queue/CounterPage.tsx';
import { KioskPage } from '../features/queue/KioskPage.tsx';
import { QueueStatsPage } from '../features/queue/QueueStatsPage.tsx';
import { ReportDetailPage } from '../features/reports/ReportDetailPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { RoutingRulesPage } from '../features/routing/RoutingRulesPage.tsx';
import { StaffPage } from '../features/staff/StaffPage.tsx';
import { TemplatesPage } from '../features/templates/TemplatesPage.tsx';
import { ZaloPage } from '../features/zalo/ZaloPage.tsx';
import { useAuth } from './auth.tsx';
import { NotFoundPage, RequirePermission } from './ErrorPages.tsx';
import { Layout } from './Layout.tsx';

/**
 * Signed out, every path shows the sign-in form, so a deep link (or a session that expires on a
 * screen) comes back to the same screen after signing in. The display board and the kiosk of a centre
 * are public: they run on screens nobody signs in to, outside the console's layout.
 */
export function App() {
  const { t } = useTranslation();
  const { state, restore } = useAuth();
  const board = useMatch('/board/:centreId');
  const kiosk = useMatch('/kiosk/:centreId');

  if (board || kiosk) {
    return (
      <Routes>
        <Route path="board/:centreId" element={<BoardPage />} />
        <Route path="kiosk/:centreId" element={<KioskPage />} />
      </Routes>
    );
  }

  if (state.status === 'loading') {
    return (
      <main className="centered">
        <Loading label={t('app.loading')} />
      </main>
    );
  }
  if (state.status === 'failed') {
    return (
      <main className="centered">
        <h1>{t('app.startupFailed')}</h1>
        <ErrorMessage error={state.error} onRetry={() => void restore()} />
      </main>
    );
  }
  if (state.status === 'anonymous') return <LoginPage />;

  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route
          path="reports"
          element={
            <RequirePermission permission="reports.handle">
              <ReportsPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports/:code"
          element={
            <RequirePermission permission="reports.handle">
              <ReportDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="counter"
          element={
            <RequirePermission permission="queue.serve">
              <CounterPage />
            </RequirePermission>
          }
        />
        <Route
          path="queue-stats"
          element={
            <RequirePermission permission="queue.stats">
              <QueueStatsPage />
            </RequirePermission>
          }
        />
        <Route
          path="templates"
          element={
            <RequirePermission permission="templates.manage">
              <TemplatesPage />
            </RequirePermission>
          }
        />
        <Route
          path="routing"
          element={
            <RequirePermission permission="routing.manage">
              <RoutingRulesPage />
            </RequirePermission>
          }
        />
        <Route
          path="communes"
          element={
            <RequirePermission permission="routing.manage">
              <CommuneBoundariesPage />
            </RequirePermission>
          }
        />
        <Route
          path="api-clients"
          element={
            <RequirePermission permission="apiclients.manage">
              <ApiClientsPage />
            </RequirePermission>
          }
        />
        <Route
          path="zalo"
          element={
            <RequirePermission permission="zalo.manage">
              <ZaloPage />
            </RequirePermission>
          }
        />
        <Route
          path="calendar"
          element={
            <RequirePermission permission="calendar.manage">
              <CalendarPage />
            </RequirePermission>
          }
        />
        <Route
          path="centres"
          element={
            <RequirePermission permission="centres.manage">
              <CentresPage />
            </RequirePermission>
          }
        />
        <Route
          path="centres/new"
          element={
            <RequirePermission permission="centres.manage">
              <NewCentrePage />
            </RequirePermission>
          }
        />
        <Route
          path="centres/:id"
          element={
            <RequirePermission permission="centres.manage">
              <EditCentrePage />
            </RequirePermission>
          }
        />
        <Route
          path="centres/:id/closures"
          element={
            <RequirePermission permission="centres.manage">
              <ClosuresPage />
            </RequirePermission>
          }
        />
        <Route
          path="planning"
          element={
            <RequirePermission permission="planning.manage">
              <DatasetsPage />
            </RequirePermission>
          }
        />
        <Route
          path="planning/:id"
          element={
            <RequirePermission permission="planning.manage">
              <DatasetPage />
            </RequirePermission>
          }
        />
        <Route
          path="planning/:id/import"
          element={
            <RequirePermission permission="planning.manage">
              <ImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="planning/:id/imports/:importId"
          element={
            <RequirePermission permission="planning.manage">
              <ImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="land-use-codes"
          element={
            <RequirePermission permission="landuse.manage">
              <LandUseCodesPage />
            </RequirePermission>
          }
        />
        <Route
          path="staff"
          element={
            <RequirePermission permission="staff.manage">
              <StaffPage />
            </RequirePermission>
          }
        />
        <Route
          path="agencies"
          element={
            <RequirePermission permission="agencies.manage">
              <AgenciesPage />
            </RequirePermission>
          }
        />
        <Route
          path="categories"
          element={
            <RequirePermission permission="categories.manage">
              <CategoriesPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
