import type { Category, CategoryDeadlinesView } from '@dltt/contracts';
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKING_HOURS_PER_DAY } from '../../app/domain.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormFrame } from '../../components/DialogForm.tsx';
import { useQuery } from '../../components/hooks.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { categoriesApi } from './categories.api.ts';
import {
  DEADLINE_FIELDS,
  DEADLINE_HOURS,
  type DeadlineField,
  type DeadlinesDraft,
  daysText,
  fieldKey,
  PRIORITIES,
  type Priority,
  parseHours,
  toDeadlinesBody,
  toDeadlinesDraft,
  validateDeadlines,
  workingDays,
} from './deadline.ts';
import './deadlines.css';

interface CategoryDeadlinesDialogProps {
  category: Category;
  onSaved(deadlines: CategoryDeadlinesView): void;
  onCancel(): void;
}

/**
 * "Thời hạn xử lý": the working hours to accept and to resolve a report of this category, per priority.
 * Until an admin saves them the server derives them from the category's default hours (`custom` false).
 */
export function CategoryDeadlinesDialog({ category, onSaved, onCancel }: CategoryDeadlinesDialogProps) {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useQuery(
    useCallback((signal: AbortSignal) => categoriesApi.deadlines(category.id, signal), [category.id]),
  );
  const name = i18n.language === 'en' ? category.nameEn : category.nameVi;

  return (
    <Dialog title={t('categoryDeadlines.title', { name })} onClose={onCancel}>
      <p className="muted">{t('categoryDeadlines.note')}</p>
      {error ? (
        <>
          <ErrorMessage error={error} onRetry={reload} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : data ? (
        <DeadlinesForm category={category} initial={data} onSaved={onSaved} onCancel={onCancel} />
      ) : (
        <Loading />
      )}
    </Dialog>
  );
}

interface DeadlinesFormProps {
  category: Category;
  initial: CategoryDeadlinesView;
  onSaved(deadlines: CategoryDeadlinesView): void;
  onCancel(): void;
}

/** The field keys the server may name ("normal.resolveHours"). */
const FIELD_KEYS: ReadonlySet<string> = new Set(
  PRIORITIES.flatMap((p) => DEADLINE_FIELDS.map((f) => fieldKey(p, f))),
);

function DeadlinesForm({ category, initial, onSaved, onCancel }: DeadlinesFormProps) {
  const { t } = useTranslation();
  const form = useDialogForm<DeadlinesDraft, string>({
    initial: () => toDeadlinesDraft(initial),
    validate: (draft) => validateDeadlines(draft, t),
    // The server names fields "body.normal.resolveHours": those go beside their input, the rest in a list.
    fieldOfPath: (path) => (FIELD_KEYS.has(path) ? path : undefined),
    save: async (draft) => {
      const body = toDeadlinesBody(draft);
      if (body) onSaved(await categoriesApi.setDeadlines(category.id, body));
    },
  });
  const draft = form.values;

  const change = (priority: Priority, field: DeadlineField, value: string) => {
    form.update((d) => ({ ...d, [priority]: { ...d[priority], [field]: value } }));
    form.clearError(fieldKey(priority, field));
  };

  return (
    <FormFrame
      form={form}
      submitLabel={t('categoryDeadlines.save')}
      busyLabel={t('common.saving')}
      onCancel={onCancel}
    >
      {initial.custom ? null : (
        <p className="deadline-default">
          <span className="badge badge-off">{t('categoryDeadlines.defaultBadge')}</span>{' '}
          {t('categoryDeadlines.defaultNote', {
            count: category.defaultDeadlineHours,
            days: daysText(category.defaultDeadlineHours, t),
          })}
        </p>
      )}
      <div className="table-wrap deadline-table-wrap">
        <table className="table deadline-table">
          <caption>{t('categoryDeadlines.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('categoryDeadlines.priority')}</th>
              {DEADLINE_FIELDS.map((field) => (
                <th key={field} scope="col">
                  {t(`categoryDeadlines.${field}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr key={p}>
                <th scope="row">{t(`categoryDeadlines.priorities.${p}`)}</th>
                {DEADLINE_FIELDS.map((field) => (
                  <td key={field}>
                    <HoursInput
                      label={t('categoryDeadlines.inputLabel', {
                        priority: t(`categoryDeadlines.priorities.${p}`),
                        column: t(`categoryDeadlines.${field}`),
                      })}
                      value={draft[p][field]}
                      error={form.errors[fieldKey(p, field)]}
                      onChange={(value) => change(p, field, value)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </FormFrame>
  );
}

interface HoursInputProps {
  /** The accessible name: priority and column, since the table headers are not the input's label. */
  label: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** Hours in a table cell, with the same value in working days beneath it while it is valid. */
function HoursInput({ label, value, error, onChange }: HoursInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const hours = parseHours(value);
  const hint =
    hours === null
      ? ''
      : t('categoryDeadlines.workingDays', {
          count: hours / WORKING_HOURS_PER_DAY,
          days: workingDays(hours),
        });
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid deadline-cell' : 'field deadline-cell'}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={DEADLINE_HOURS.min}
        max={DEADLINE_HOURS.max}
        step={1}
        required
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
