import '../reports.css';
import type { PublicReport, ReportStatus } from '@dltt/contracts';
import { lazy, Suspense, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { publicReportPath } from '../../../app/paths.ts';
import { Icon } from '../../../components/Icon.tsx';
import { PagedList } from '../../../components/PagedList.tsx';
import { PageLayout } from '../../../components/PageLayout.tsx';
import { Loading } from '../../../components/RequestStatus.tsx';
import { usePagedList } from '../../../components/usePagedList.ts';
import { formatDate } from '../../../lib/dates.ts';
import { categoryName } from '../CategoryList.tsx';
import { PublicPhoto, StatusBadge } from '../ReportBits.tsx';
import { REPORT_STATUSES } from '../report-format.ts';
import {
  fetchPublicReports,
  type PublicFilters,
  useCategories,
  useCategoryLabel,
  useCommunes,
} from '../reports.api.ts';

const PAGE_SIZE = 10;
const VIEWS = ['list', 'map'] as const;
type ViewName = (typeof VIEWS)[number];

// The map (and its tile maths) loads only for those who open it.
const PublicReportsMap = lazy(async () => ({
  default: (await import('./PublicReportsMap.tsx')).PublicReportsMap,
}));

const isStatus = (value: string | null): value is ReportStatus =>
  value !== null && (REPORT_STATUSES as readonly string[]).includes(value);

/** A published result can only be in these states (a reopened one goes through handling again). */
const PUBLISHED_STATUSES: readonly ReportStatus[] = [
  'published',
  'reopened',
  'accepted',
  'in_progress',
  'resolved',
];

function PublicItem({ report }: { report: PublicReport }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const before = report.photos.find((p) => p.kind === 'before');
  const after = report.photos.find((p) => p.kind === 'after');
  return (
    <li>
      <article className="public-card" aria-labelledby={`public-${report.code}`}>
        {(before || after) && (
          <div className="before-after">
            {before && (
              <figure>
                <PublicPhoto id={before.id} size="thumb" alt={t('reports.photos.beforeAlt', { n: 1 })} />
                <figcaption>{t('reports.photos.before')}</figcaption>
              </figure>
            )}
            {after && (
              <figure>
                <PublicPhoto id={after.id} size="thumb" alt={t('reports.photos.afterAlt', { n: 1 })} />
                <figcaption>{t('reports.photos.after')}</figcaption>
              </figure>
            )}
          </div>
        )}
        <h2 id={`public-${report.code}`} className="report-card-title">
          {categoryLabel(report)}
        </h2>
        <p className="report-card-meta">
          <StatusBadge status={report.status} />
          <span>{report.communeName}</span>
        </p>
        <p className="hint">
          {t('reports.list.codeDate', {
            code: report.code,
            date: formatDate(report.publishedAt ?? report.createdAt),
          })}
        </p>
        <p className="excerpt">{report.description}</p>
        {report.publicAnswer && (
          <div className="answer">
            <p className="answer-label">{t('reports.detail.answerBy', { agency: report.agencyName })}</p>
            <p className="excerpt">{report.publicAnswer}</p>
          </div>
        )}
        <Link className="text-link" to={publicReportPath(report.code)}>
          {t('reports.public.viewDetail', { code: report.code })}
        </Link>
      </article>
    </li>
  );
}

function Filters({ filters, onChange }: { filters: PublicFilters; onChange: (f: PublicFilters) => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const communes = useCommunes();
  return (
    <fieldset className="filters">
      <legend>{t('reports.public.filters')}</legend>
      <div className="field">
        <label htmlFor="filter-category">{t('reports.public.category')}</label>
        <select
          id="filter-category"
          value={filters.categoryId ?? ''}
          onChange={(e) => onChange({ ...filters, categoryId: e.target.value || undefined })}
        >
          <option value="">{t('reports.public.allCategories')}</option>
          {categories.state.status === 'success' &&
            categories.state.data.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(c)}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-commune">{t('reports.public.commune')}</label>
        <select
          id="filter-commune"
          value={filters.communeCode ?? ''}
          onChange={(e) => onChange({ ...filters, communeCode: e.target.value || undefined })}
        >
          <option value="">{t('reports.public.allCommunes')}</option>
          {communes.state.status === 'success' &&
            communes.state.data.map((c) => (
              <option key={c.code} value={c.code}>
                {c.fullName}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">{t('reports.public.status')}</label>
        <select
          id="filter-status"
          value={filters.status ?? ''}
          onChange={(e) =>
            onChange({ ...filters, status: isStatus(e.target.value) ? e.target.value : undefined })
          }
        >
          <option value="">{t('reports.public.allStatuses')}</option>
          {PUBLISHED_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`reports.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

function PublicList({ filters }: { filters: PublicFilters }) {
  const { t } = useTranslation();
  const { categoryId, communeCode, status } = filters;
  const load = useCallback(
    (page: number, signal: AbortSignal) =>
      fetchPublicReports({ categoryId, communeCode, status }, page, PAGE_SIZE, signal),
    [categoryId, communeCode, status],
  );
  const list = usePagedList(load);
  return (
    <PagedList
      list={list}
      label={t('reports.public.listLabel')}
      empty={
        <section className="notice">
          <span className="notice-icon">
            <Icon name="search" size={56} />
          </span>
          <p>{t('reports.public.empty')}</p>
        </section>
      }
      renderItem={(report) => <PublicItem key={report.code} report={report} />}
    />
  );
}

/**
 * "Kết quả xử lý": published results anyone may read, filtered by category, commune and status, as a list or
 * on a map. The filters, the view and where the map was left live in the address, so "back" restores them.
 */
export function PublicReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const filters: PublicFilters = {
    categoryId: params.get('category') ?? undefined,
    communeCode: params.get('commune') ?? undefined,
    status: isStatus(status) ? status : undefined,
  };
  const view: ViewName = params.get('view') === 'map' ? 'map' : 'list';

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const setFilters = (next: PublicFilters) =>
    update({ category: next.categoryId, commune: next.communeCode, status: next.status });

  return (
    <PageLayout title={t('reports.public.title')}>
      <p>{t('reports.public.intro')}</p>
      <Filters filters={filters} onChange={setFilters} />
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('reports.public.viewLabel')}</legend>
        {VIEWS.map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={view === id}
            onClick={() => update({ view: id === 'map' ? id : undefined })}
          >
            {t(`reports.public.views.${id}`)}
          </button>
        ))}
      </fieldset>
      {view === 'map' ? (
        <Suspense fallback={<Loading />}>
          <PublicReportsMap filters={filters} at={params.get('at')} onMoved={(at) => update({ at })} />
        </Suspense>
      ) : (
        <PublicList filters={filters} />
      )}
    </PageLayout>
  );
}
