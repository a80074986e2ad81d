import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api.ts';
import { useSession } from '../../app/auth.tsx';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { FormError, focusFirstInvalid, TextField } from '../../components/Fields.tsx';
import { formatDay, formatWeekday } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../components/States.tsx';
import { type Closure, centresApi } from './centres.api.ts';
import './centres.css';

const REASON_MAX = 200;
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Today in Vietnam, "YYYY-MM-DD" (the province's calendar, whatever the browser's zone). */
function vietnamToday(): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The same day twelve months later (29 February becomes 28 February or 1 March, as Date decides). */
function inTwelveMonths(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** "Ngày tạm nghỉ": the days one centre takes no appointments, for the next twelve months. */
export function ClosuresPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const [from] = useState(vietnamToday);
  const to = inTwelveMonths(from);
  const [notice, setNotice] = useState('');
  const [deleting, setDeleting] = useState<Closure | null>(null);
  const centre = useQuery(
    useCallback(
      async (signal: AbortSignal) => (await centresApi.list(signal)).find((c) => c.id === id) ?? null,
      [id],
    ),
  );
  const closures = useQuery(
    useCallback((signal: AbortSignal) => centresApi.closures(id, from, to, signal), [id, from, to]),
  );
  const name = centre.data?.name;

  const columns: Column<Closure>[] = [
    {
      key: 'day',
      header: t('centres.closuresPage.day'),
      className: 'cell-nowrap',
      cell: (c) => <time dateTime={c.day}>{formatDay(c.day)}</time>,
    },
    { key: 'weekday', header: t('centres.closuresPage.weekday'), cell: (c) => formatWeekday(c.day) },
    { key: 'reason', header: t('centres.closuresPage.reason'), cell: (c) => c.reason },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (c) => (
        <RowActions
          name={formatDay(c.day)}
          actions={[{ label: t('centres.closuresPage.delete'), danger: true, onClick: () => setDeleting(c) }]}
        />
      ),
    },
  ];

  return (
    <Page title={name ? t('centres.closuresPage.title', { name }) : t('centres.closuresPage.titleShort')}>
      <Link to="/centres" className="back-link">
        {t('centres.back')}
      </Link>
      {centre.error ? (
        <ErrorMessage error={centre.error} onRetry={centre.reload} />
      ) : centre.data === undefined ? (
        <Loading />
      ) : centre.data === null ? (
        <p className="state state-error" role="alert">
          {t('centres.notFound')}
        </p>
      ) : (
        <>
          <p>{t('centres.closuresPage.intro')}</p>
          <p className="hint-box">
            {t('centres.closuresPage.holidays')}{' '}
            {can('calendar.manage') ? (
              <Link to="/calendar">{t('centres.closuresPage.calendarLink')}</Link>
            ) : null}
          </p>
          <Notice text={notice} />
          <h2>{t('centres.closuresPage.addTitle')}</h2>
          <ClosureForm
            centreId={id}
            from={from}
            to={to}
            onSaved={(saved, replaced) => {
              setNotice(
                t(replaced ? 'centres.closuresPage.updatedDone' : 'centres.closuresPage.addedDone', {
                  day: formatDay(saved.day),
                }),
              );
              closures.reload();
            }}
            existing={closures.data}
          />
          <h2>{t('centres.closuresPage.listTitle', { from: formatDay(from), to: formatDay(to) })}</h2>
          {closures.data?.length === 0 && !closures.error ? (
            <EmptyState text={t('centres.closuresPage.empty')} />
          ) : (
            <DataTable
              caption={t('centres.closuresPage.tableCaption', { name: centre.data.name })}
              columns={columns}
              rows={closures.data}
              rowKey={(c) => c.day}
              loading={closures.loading}
              error={closures.error}
              onRetry={closures.reload}
            />
          )}
        </>
      )}
      {deleting ? (
        <ConfirmDialog
          title={t('centres.closuresPage.deleteTitle')}
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await centresApi.removeClosure(id, deleting.day);
            setDeleting(null);
            setNotice(t('centres.closuresPage.deletedDone', { day: formatDay(deleting.day) }));
            closures.reload();
          }}
        >
          <p>
            {t('centres.closuresPage.deleteBody', { day: formatDay(deleting.day), reason: deleting.reason })}
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

interface ClosureFormProps {
  centreId: string;
  from: string;
  to: string;
  existing: readonly Closure[] | undefined;
  onSaved(closure: Closure, replaced: boolean): void;
}

function ClosureForm({ centreId, from, to, existing, onSaved }: ClosureFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ day?: string; reason?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const already = existing?.find((c) => c.day === day);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      day: !isDay(day)
        ? t('validation.date')
        : day < from || day > to
          ? t('centres.closuresPage.outOfRange', { from: formatDay(from), to: formatDay(to) })
          : undefined,
      reason: reason.trim() ? undefined : t('validation.required'),
    };
    setErrors(found);
    if (found.day || found.reason) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = await centresApi.setClosure(centreId, day, reason.trim());
      onSaved(saved, already !== undefined);
      setDay('');
      setReason('');
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="closure-form">
      <FormError message={formError} />
      <div className="centre-grid">
        <TextField
          label={t('centres.closuresPage.dayField')}
          type="date"
          value={day}
          onChange={setDay}
          required
          hint={already ? t('centres.closuresPage.alreadyClosed', { reason: already.reason }) : undefined}
          error={errors.day}
        />
        <TextField
          label={t('centres.closuresPage.reasonField')}
          value={reason}
          onChange={setReason}
          required
          autoComplete="off"
          maxLength={REASON_MAX}
          hint={t('centres.closuresPage.reasonHint')}
          error={errors.reason}
        />
      </div>
      <div className="dialog-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('common.saving') : t('centres.closuresPage.add')}
        </button>
      </div>
    </form>
  );
}
