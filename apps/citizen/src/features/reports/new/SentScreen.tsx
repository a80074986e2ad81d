import type { MyReport } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { followedReportPath, myReportPath, REPORT_PATHS } from '../../../app/paths.ts';
import { Icon } from '../../../components/Icon.tsx';
import { formatDateTime } from '../../../lib/dates.ts';

/** The end of the flow: the reference code, big, and where to follow the report. */
export function SentScreen({ report }: { report: MyReport }) {
  const { t } = useTranslation();
  return (
    <section className="notice sent" aria-labelledby="sent-title">
      <span className="notice-icon notice-icon-ok">
        <Icon name="check" size={56} />
      </span>
      <h2 id="sent-title" className="notice-title">
        {t('reports.sent.title')}
      </h2>
      <p>{t('reports.sent.codeLabel')}</p>
      <p className="report-code" data-testid="report-code">
        {report.code}
      </p>
      <p>{t('reports.sent.keepCode')}</p>
      <p>{t('reports.sent.agency', { agency: report.agencyName })}</p>
      {report.resolveDueAt && <p>{t('reports.sent.due', { due: formatDateTime(report.resolveDueAt) })}</p>}
      <Link className="button-link" to={myReportPath(report.code)}>
        <Icon name="eye" />
        <span>{t('reports.sent.view')}</span>
      </Link>
      <Link className="text-link" to={REPORT_PATHS.hub}>
        {t('reports.sent.backToHub')}
      </Link>
    </section>
  );
}

/**
 * Sent without network: the report is kept on the phone (the outbox) and goes out by itself once online; its
 * code then shows in "Phản ánh của tôi", where it waits as "Đang chờ gửi" meanwhile.
 */
export function QueuedScreen() {
  const { t } = useTranslation();
  return (
    <section className="notice sent" aria-labelledby="queued-title">
      <span className="notice-icon">
        <Icon name="clock" size={56} />
      </span>
      <h2 id="queued-title" className="notice-title" tabIndex={-1}>
        {t('reports.queued.title')}
      </h2>
      <p>{t('reports.queued.body')}</p>
      <Link className="button-link" to={REPORT_PATHS.mine}>
        <Icon name="list" />
        <span>{t('reports.queued.view')}</span>
      </Link>
      <Link className="text-link" to={REPORT_PATHS.hub}>
        {t('reports.sent.backToHub')}
      </Link>
    </section>
  );
}

/** After choosing to follow an existing report instead of sending one (or finding it was one's own). */
export function FollowedScreen({ code, own }: { code: string; own: boolean }) {
  const { t } = useTranslation();
  const texts = own ? 'reports.followed.own' : 'reports.followed.other';
  return (
    <section className="notice sent" aria-labelledby="followed-title">
      <span className="notice-icon notice-icon-ok">
        <Icon name={own ? 'check' : 'bell'} size={56} />
      </span>
      <h2 id="followed-title" className="notice-title">
        {t(`${texts}.title`)}
      </h2>
      <p className="report-code">{code}</p>
      <p>{t(`${texts}.body`)}</p>
      <Link className="button-link" to={own ? myReportPath(code) : followedReportPath(code)}>
        <Icon name="eye" />
        <span>{t('reports.followed.view')}</span>
      </Link>
      <Link className="text-link" to={REPORT_PATHS.hub}>
        {t('reports.sent.backToHub')}
      </Link>
    </section>
  );
}
