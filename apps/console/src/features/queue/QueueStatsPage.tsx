import type { QueueStats } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.tsx';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { formatDay, formatNumber } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorMessage, Loading } from '../../components/States.tsx';
import { type CsvCell, downloadText, toCsv } from './csv.ts';
import { queueStatsApi } from './queue.api.ts';
import { addDays, daysBetween, isDay, vietnamToday } from './queue.domain.ts';
import './queue.css';

/** The server answers at most this many days at once (DATE_RANGE_TOO_LONG). */
const MAX_RANGE_DAYS = 92;
const DEFAULT_DAYS = 7;

type FieldRow = QueueStats['fields'][number];
type CounterRow = QueueStats['counters'][number];
/** A table line: a day's row, or the totals at the bottom. */
type Line<T> = T & { total?: true };

const sum = <T,>(rows: readonly T[], get: (r: T) => number) => rows.reduce((s, r) => s + get(r), 0);

/** An average of averages, weighted by how many people each one covers; null when nobody was served. */
function weightedAverage<T>(rows: readonly T[], value: (r: T) => number | null, weight: (r: T) => number) {
  let total = 0;
  let weights = 0;
  for (const r of rows) {
    const v = value(r);
    if (v === null || weight(r) === 0) continue;
    total += v * weight(r);
    weights += weight(r);
  }
  return weights > 0 ? total / weights : null;
}

function fieldTotals(rows: readonly FieldRow[]): Line<FieldRow> {
  return {
    total: true,
    day: '',
    fieldId: 'total',
    fieldName: '',
    letter: '',
    bookings: sum(rows, (r) => r.bookings),
    cancelled: sum(rows, (r) => r.cancelled),
    noShows: sum(rows, (r) => r.noShows),
    tickets: sum(rows, (r) => r.tickets),
    walkIns: sum(rows, (r) => r.walkIns),
    served: sum(rows, (r) => r.served),
    avgWaitMinutes: weightedAverage(
      rows,
      (r) => r.avgWaitMinutes,
      (r) => r.served,
    ),
    avgServiceMinutes: weightedAverage(
      rows,
      (r) => r.avgServiceMinutes,
      (r) => r.served,
    ),
  };
}

function counterTotals(rows: readonly CounterRow[]): Line<CounterRow> {
  return {
    total: true,
    day: '',
    counterNumber: 0,
    served: sum(rows, (r) => r.served),
    absent: sum(rows, (r) => r.absent),
    avgServiceMinutes: weightedAverage(
      rows,
      (r) => r.avgServiceMinutes,
      (r) => r.served,
    ),
  };
}

/** One column of both the table and the CSV file. */
interface StatColumn<T> {
  key: string;
  header: string;
  numeric?: boolean;
  /** The value for the file (and, formatted, for the screen). */
  value(row: Line<T>): CsvCell;
}

function fieldColumns(t: TFunction): StatColumn<FieldRow>[] {
  return [
    { key: 'day', header: t('queueStats.day'), value: (r) => (r.total ? t('queueStats.total') : r.day) },
    {
      key: 'field',
      header: t('queueStats.field'),
      value: (r) => (r.total ? '' : `${r.letter} – ${r.fieldName}`),
    },
    { key: 'bookings', header: t('queueStats.bookings'), numeric: true, value: (r) => r.bookings },
    { key: 'cancelled', header: t('queueStats.cancelled'), numeric: true, value: (r) => r.cancelled },
    { key: 'noShows', header: t('queueStats.noShows'), numeric: true, value: (r) => r.noShows },
    { key: 'tickets', header: t('queueStats.tickets'), numeric: true, value: (r) => r.tickets },
    { key: 'walkIns', header: t('queueStats.walkIns'), numeric: true, value: (r) => r.walkIns },
    { key: 'served', header: t('queueStats.served'), numeric: true, value: (r) => r.served },
    { key: 'wait', header: t('queueStats.avgWait'), numeric: true, value: (r) => r.avgWaitMinutes },
    { key: 'service', header: t('queueStats.avgService'), numeric: true, value: (r) => r.avgServiceMinutes },
  ];
}

function counterColumns(t: TFunction): StatColumn<CounterRow>[] {
  return [
    { key: 'day', header: t('queueStats.day'), value: (r) => (r.total ? t('queueStats.total') : r.day) },
    {
      key: 'counter',
      header: t('queueStats.counter'),
      value: (r) => (r.total ? '' : t('queueStats.counterNumber', { number: r.counterNumber })),
    },
    { key: 'served', header: t('queueStats.served'), numeric: true, value: (r) => r.served },
    { key: 'absent', header: t('queueStats.absent'), numeric: true, value: (r) => r.absent },
    { key: 'service', header: t('queueStats.avgService'), numeric: true, value: (r) => r.avgServiceMinutes },
  ];
}

/** The screen's columns: days as the province writes them, averages with one decimal, totals in bold. */
function tableColumns<T>(columns: StatColumn<T>[], t: TFunction): Column<Line<T>>[] {
  return columns.map((c) => ({
    key: c.key,
    header: c.header,
    className: c.numeric ? 'cell-number' : c.key === 'day' ? 'cell-nowrap' : undefined,
    cell: (row: Line<T>) => {
      const v = c.value(row);
      const text =
        v === null
          ? t('common.emDash')
          : typeof v === 'number'
            ? formatNumber(v, 1)
            : c.key === 'day' && !row.total
              ? formatDay(v)
              : v;
      return row.total ? <strong>{text}</strong> : text;
    },
  }));
}

function download<T>(filename: string, columns: StatColumn<T>[], rows: readonly Line<T>[]) {
  downloadText(
    filename,
    toCsv([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))]),
  );
}

/** "Thống kê hàng đợi": bookings, numbers, waiting and service times of a centre, per day. */
export function QueueStatsPage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const everyCentre = can('centres.manage');
  const [today] = useState(() => vietnamToday());
  const [centreId, setCentreId] = useState('');
  const [from, setFrom] = useState(() => addDays(today, -(DEFAULT_DAYS - 1)));
  const [to, setTo] = useState(today);

  const centres = useQuery(
    useCallback(
      async (signal: AbortSignal) => {
        const list = everyCentre
          ? await queueStatsApi.allCentres(signal)
          : (await queueStatsApi.publicCentres(signal)).filter((c) => c.agencyId === user.agencyId);
        return list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      },
      [everyCentre, user.agencyId],
    ),
  );
  const centre = centres.data?.find((c) => c.id === centreId) ?? centres.data?.[0];

  const rangeError =
    !isDay(from) || !isDay(to)
      ? t('validation.date')
      : from > to
        ? t('queueStats.fromAfterTo')
        : daysBetween(from, to) > MAX_RANGE_DAYS
          ? t('queueStats.rangeTooLong', { max: MAX_RANGE_DAYS })
          : undefined;
  const chosen = centre?.id ?? '';
  const stats = useQuery(
    useCallback(
      (signal: AbortSignal) =>
        chosen && !rangeError ? queueStatsApi.stats(chosen, from, to, signal) : Promise.resolve(null),
      [chosen, from, to, rangeError],
    ),
  );

  const fieldsCols = fieldColumns(t);
  const countersCols = counterColumns(t);
  const fieldLines: Line<FieldRow>[] | undefined = stats.data
    ? stats.data.fields.length > 0
      ? [...stats.data.fields, fieldTotals(stats.data.fields)]
      : []
    : undefined;
  const counterLines: Line<CounterRow>[] | undefined = stats.data
    ? stats.data.counters.length > 0
      ? [...stats.data.counters, counterTotals(stats.data.counters)]
      : []
    : undefined;
  const fileName = (kind: string) => `${kind}-${centre?.code ?? 'centre'}-${from}-${to}.csv`;

  return (
    <Page title={t('queueStats.title')}>
      <p>{t('queueStats.intro')}</p>
      {centres.error ? (
        <ErrorMessage error={centres.error} onRetry={centres.reload} />
      ) : !centres.data ? (
        <Loading />
      ) : centres.data.length === 0 ? (
        <EmptyState text={t('queueStats.noCentres')} />
      ) : (
        <>
          <div className="filters">
            <SelectField
              label={t('queueStats.centre')}
              value={chosen}
              onChange={setCentreId}
              options={centres.data.map((c) => ({ value: c.id, label: c.name }))}
            />
            <TextField
              label={t('queueStats.from')}
              type="date"
              value={from}
              onChange={setFrom}
              error={rangeError}
            />
            <TextField label={t('queueStats.to')} type="date" value={to} onChange={setTo} />
          </div>
          {stats.error ? <ErrorMessage error={stats.error} onRetry={stats.reload} /> : null}
          {rangeError || stats.error ? null : (
            <>
              <section aria-labelledby="stats-fields">
                <div className="stats-head">
                  <h2 id="stats-fields">{t('queueStats.byField')}</h2>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={!fieldLines?.length}
                    onClick={() =>
                      fieldLines && download(fileName(t('queueStats.fileFields')), fieldsCols, fieldLines)
                    }
                  >
                    {t('queueStats.downloadFields')}
                  </button>
                </div>
                <DataTable
                  caption={t('queueStats.byFieldCaption', { name: centre?.name ?? '' })}
                  columns={tableColumns(fieldsCols, t)}
                  rows={fieldLines}
                  rowKey={(r) => `${r.day}|${r.fieldId}`}
                  loading={stats.loading}
                  error={undefined}
                  onRetry={stats.reload}
                />
              </section>
              <section aria-labelledby="stats-counters">
                <div className="stats-head">
                  <h2 id="stats-counters">{t('queueStats.byCounter')}</h2>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={!counterLines?.length}
                    onClick={() =>
                      counterLines &&
                      download(fileName(t('queueStats.fileCounters')), countersCols, counterLines)
                    }
                  >
                    {t('queueStats.downloadCounters')}
                  </button>
                </div>
                <DataTable
                  caption={t('queueStats.byCounterCaption', { name: centre?.name ?? '' })}
                  columns={tableColumns(countersCols, t)}
                  rows={counterLines}
                  rowKey={(r) => `${r.day}|${r.counterNumber}`}
                  loading={stats.loading}
                  error={undefined}
                  onRetry={stats.reload}
                />
              </section>
              <p className="hint">{t('queueStats.totalsHint')}</p>
            </>
          )}
        </>
      )}
    </Page>
  );
}
