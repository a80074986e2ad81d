import type { ReportPriority, StaffReport } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../app/domain.ts';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { ErrorMessage } from '../../components/States.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX, REPORT_PRIORITIES } from './reports.domain.ts';

export interface ActionDialogProps {
  report: StaffReport;
  /** The report after the action, and what to announce. */
  onDone(report: StaffReport, message: string): void;
  onCancel(): void;
  /** A failed send (already shown in the dialog). */
  onFailed(error: unknown): void;
}

/** Text the server accepts as a note: 1..4000 characters after trimming; undefined when fine. */
export function useNoteError(): (value: string, optional?: boolean) => string | undefined {
  const { t } = useTranslation();
  return (value, optional = false) => {
    const text = value.trim();
    if (!text) return optional ? undefined : t('validation.required');
    return text.length > NOTE_MAX ? t('validation.maxLength', { max: NOTE_MAX }) : undefined;
  };
}

function asPriority(value: string): ReportPriority {
  return REPORT_PRIORITIES.find((p) => p === value) ?? 'normal';
}

/** "Tiếp nhận": accept with a priority (it sets the resolve deadline) and an optional internal note. */
export function AcceptDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const form = useDialogForm({
    initial: { priority: report.priority, note: '' },
    validate: (v) => ({ note: noteError(v.note, true) }),
    onFailed,
    save: async ({ priority, note }) => {
      const text = note.trim();
      const updated = await reportsApi.accept(report.code, { priority, ...(text ? { note: text } : {}) });
      onDone(updated, t('report.done.accept'));
    },
  });

  return (
    <DialogForm
      title={t('report.accept.title', { code: report.code })}
      form={form}
      submitLabel={t('report.accept.submit')}
      onCancel={onCancel}
    >
      <SelectField
        label={t('report.accept.priority')}
        value={form.values.priority}
        onChange={(v) => form.set('priority', asPriority(v))}
        options={REPORT_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
        hint={t('report.accept.priorityHint')}
      />
      <TextAreaField label={t('report.accept.note')} {...form.field('note')} maxLength={NOTE_MAX} rows={3} />
    </DialogForm>
  );
}

/** "Trả lại": the dispatcher sends a resolution back to the agency with what is missing. */
export function ReturnDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const form = useDialogForm({
    initial: { note: '' },
    validate: (v) => ({ note: noteError(v.note) }),
    onFailed,
    save: async (v) =>
      onDone(await reportsApi.return(report.code, { note: v.note.trim() }), t('report.done.return')),
  });

  return (
    <DialogForm
      title={t('report.return.title', { code: report.code })}
      form={form}
      submitLabel={t('report.return.submit')}
      onCancel={onCancel}
    >
      <TextAreaField label={t('report.return.note')} {...form.field('note')} required maxLength={NOTE_MAX} />
    </DialogForm>
  );
}

/** "Giao cho": an officer of the handling agency, or nobody. */
export function AssignDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const assignees = useQuery(
    useCallback((signal: AbortSignal) => reportsApi.assignees(report.code, signal), [report.code]),
  );
  const choices = assignees.data ?? [];
  const form = useDialogForm({
    initial: { officerId: report.assignedOfficerId ?? '' },
    onFailed,
    save: async ({ officerId }) => {
      const updated = await reportsApi.assign(report.code, officerId || null);
      const name = choices.find((a) => a.id === officerId)?.fullName ?? updated.assignedOfficerName ?? '';
      onDone(updated, officerId ? t('report.done.assign', { name }) : t('report.done.unassign'));
    },
  });

  return (
    <DialogForm
      title={t('report.assign.title', { code: report.code })}
      form={form}
      submitLabel={t('report.assign.submit')}
      onCancel={onCancel}
    >
      {assignees.error ? <ErrorMessage error={assignees.error} onRetry={assignees.reload} /> : null}
      <SelectField
        label={t('report.assign.officer')}
        {...form.field('officerId')}
        options={choices.map((a) => {
          const role = ROLES.find((r) => r === a.role);
          return { value: a.id, label: role ? `${a.fullName} (${t(`roles.${role}`)})` : a.fullName };
        })}
        placeholder={t('report.assign.none')}
        disabled={!assignees.data}
      />
    </DialogForm>
  );
}
