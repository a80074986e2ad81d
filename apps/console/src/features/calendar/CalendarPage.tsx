import type { CalendarDay } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { currentYear, formatDay, formatWeekday } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { CalendarDayDialog } from './CalendarDayDialog.tsx';
import { calendarApi } from './calendar.api.ts';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; day: CalendarDay }
  | { kind: 'delete'; day: CalendarDay }
  | null;

const YEARS_AROUND = 3;

/** "Lịch làm việc": the days that differ from Monday–Friday working weeks, which deadlines follow. */
export function CalendarPage() {
  const { t } = useTranslation();
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(
    useCallback((signal: AbortSignal) => calendarApi.list(year, signal), [year]),
  );
  const rows = data ? [...data].sort((a, b) => a.day.localeCompare(b.day)) : undefined;
  const years = Array.from({ length: 2 * YEARS_AROUND + 1 }, (_, i) => thisYear - YEARS_AROUND + i);

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
  };

  const columns: Column<CalendarDay>[] = [
    {
      key: 'day',
      header: t('calendar.day'),
      className: 'cell-nowrap',
      cell: (d) => <time dateTime={d.day}>{formatDay(d.day)}</time>,
    },
    { key: 'weekday', header: t('calendar.weekday'), cell: (d) => formatWeekday(d.day) },
    { key: 'name', header: t('calendar.name'), cell: (d) => d.name },
    {
      key: 'kind',
      header: t('calendar.kind'),
      cell: (d) => (
        <span className={d.working ? 'badge badge-info' : 'badge badge-warn'}>
          {d.working ? t('calendar.workingDay') : t('calendar.dayOff')}
        </span>
      ),
    },
    {
      key: 'source',
      header: t('calendar.source'),
      cell: (d) => (d.source === 'library' ? t('calendar.sourceLibrary') : t('calendar.sourceAdmin')),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (d) => (
        <RowActions
          name={formatDay(d.day)}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', day: d }) },
            // A national holiday deleted here would be seeded again at the next start: change it instead.
            d.source === 'admin' && {
              label: t('calendar.delete'),
              danger: true,
              onClick: () => setOpen({ kind: 'delete', day: d }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('calendar.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('calendar.add')}
        </button>
      }
    >
      <p>{t('calendar.intro')}</p>
      <Notice text={notice} />
      <div className="filters">
        <SelectField
          label={t('calendar.year')}
          value={String(year)}
          onChange={(v) => setYear(Number(v))}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      <DataTable
        caption={t('calendar.tableCaption', { year })}
        columns={columns}
        rows={rows}
        rowKey={(d) => d.day}
        loading={loading}
        error={error}
        onRetry={reload}
      />
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <CalendarDayDialog
          day={open.kind === 'edit' ? open.day : undefined}
          year={year}
          onCancel={() => setOpen(null)}
          onSaved={(saved) => done(t('calendar.savedDone', { day: formatDay(saved.day) }))}
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('calendar.deleteTitle')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await calendarApi.remove(open.day.day);
            done(t('calendar.deletedDone', { day: formatDay(open.day.day) }));
          }}
        >
          <p>{t('calendar.deleteBody', { day: formatDay(open.day.day), name: open.day.name })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
