import type { Centre } from '@dltt/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { EmptyState, Notice } from '../../components/States.tsx';
import type { CentresNotice } from './CentreFormPage.tsx';
import { centresApi, loadAgency } from './centres.api.ts';
import './centres.css';

function noticeOf(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return '';
  const { notice } = state as CentresNotice;
  return typeof notice === 'string' ? notice : '';
}

/** The names of the agencies that run the centres, by id (ids stay as they are when a lookup fails). */
async function agencyNames(centres: readonly Centre[]): Promise<Map<string, string>> {
  const ids = [...new Set(centres.map((c) => c.agencyId))];
  const names = await Promise.all(
    ids.map((id) =>
      loadAgency(id).then(
        (a) => a.name,
        () => id,
      ),
    ),
  );
  return new Map(ids.map((id, i) => [id, names[i] ?? id]));
}

/** "Trung tâm, bộ phận một cửa": where citizens book appointments, with their fields and counters. */
export function CentresPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(
    useCallback((signal: AbortSignal) => centresApi.list(signal), []),
  );
  const names = useQuery(useCallback(() => (data ? agencyNames(data) : Promise.resolve(null)), [data]));

  // A save on the form page comes back here with its message; shown after mounting so it is announced,
  // and dropped from the history entry so a reload does not repeat it.
  useEffect(() => {
    const text = noticeOf(location.state);
    if (!text) return;
    setNotice(text);
    navigate('.', { replace: true, state: null });
  }, [location.state, navigate]);

  const columns: Column<Centre>[] = [
    {
      key: 'name',
      header: t('centres.name'),
      cell: (c) => (
        <>
          <strong>{c.name}</strong>
          {c.address ? <span className="centre-address">{c.address}</span> : null}
        </>
      ),
    },
    { key: 'code', header: t('centres.code'), cell: (c) => <code>{c.code}</code> },
    {
      key: 'agency',
      header: t('centres.agency'),
      cell: (c) => names.data?.get(c.agencyId) ?? t('common.emDash'),
    },
    { key: 'fields', header: t('centres.fieldsColumn'), cell: (c) => <LetterChips centre={c} /> },
    {
      key: 'counters',
      header: t('centres.countersColumn'),
      className: 'cell-number',
      cell: (c) => {
        const active = c.counters.filter((k) => k.active).length;
        return (
          <span title={t('centres.countersActiveOf', { active, count: c.counters.length })}>
            {active}
            <span className="sr-only">
              {' '}
              {t('centres.countersActiveOf', { active, count: c.counters.length })}
            </span>
          </span>
        );
      },
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (c) => (
        <span className={c.active ? 'badge badge-on' : 'badge badge-off'}>
          {c.active ? t('common.active') : t('common.inactive')}
        </span>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (c) => (
        <RowActions
          name={c.name}
          actions={[
            { label: t('common.edit'), to: `/centres/${c.id}` },
            { label: t('centres.closures'), to: `/centres/${c.id}/closures` },
            // The kiosk and the display board run on their own screens at the centre: a new tab to open there.
            { label: t('centres.kiosk'), to: `/kiosk/${c.id}`, newTab: true },
            { label: t('centres.board'), to: `/board/${c.id}`, newTab: true },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('centres.title')}
      actions={
        <Link to="/centres/new" className="button button-primary">
          {t('centres.add')}
        </Link>
      }
    >
      <p>{t('centres.intro')}</p>
      <Notice text={notice} />
      {data?.length === 0 && !error ? (
        <EmptyState text={t('centres.empty')} />
      ) : (
        <DataTable
          caption={t('centres.tableCaption')}
          columns={columns}
          rows={data}
          rowKey={(c) => c.id}
          loading={loading}
          error={error}
          onRetry={reload}
        />
      )}
    </Page>
  );
}

/** The active fields as their ticket letters; the names are read out and shown on hover. */
function LetterChips({ centre }: { centre: Centre }) {
  const { t } = useTranslation();
  const fields = centre.fields.filter((f) => f.active);
  if (fields.length === 0) return <span className="muted">{t('centres.noFields')}</span>;
  return (
    <ul className="letter-chips">
      {fields.map((f) => (
        <li key={f.id} title={f.name}>
          <span className="letter-chip" aria-hidden="true">
            {f.letter}
          </span>
          <span className="sr-only">
            {f.letter} – {f.name}
          </span>
        </li>
      ))}
    </ul>
  );
}
