import type { RejectionReason } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX, REJECTION_REASONS, REPORT_CODE_PATTERN } from './reports.domain.ts';
import { type ActionDialogProps, useNoteError } from './SimpleActionDialogs.tsx';

/** A report's code as typed: " pa-2025-000123" → "PA-2025-000123". */
const codeOf = (text: string) => text.trim().toUpperCase();

/** "Từ chối": a reason, the original's code for a duplicate, and an explanation the citizen receives. */
export function RejectDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const form = useDialogForm({
    initial: { reason: '' as RejectionReason | '', duplicateOf: '', publicNote: '' },
    validate: (v) => ({
      reason: v.reason ? undefined : t('validation.chooseOne'),
      duplicateOf:
        v.reason === 'duplicate' && !REPORT_CODE_PATTERN.test(codeOf(v.duplicateOf))
          ? t('validation.reportCode')
          : undefined,
      publicNote: noteError(v.publicNote),
    }),
    onFailed,
    save: async ({ reason, duplicateOf, publicNote }) => {
      if (!reason) return;
      const updated = await reportsApi.reject(report.code, {
        reason,
        publicNote: publicNote.trim(),
        ...(reason === 'duplicate' ? { duplicateOfCode: codeOf(duplicateOf) } : {}),
      });
      onDone(updated, t('report.done.reject'));
    },
  });
  const { reason } = form.values;

  return (
    <DialogForm
      title={t('report.reject.title', { code: report.code })}
      form={form}
      submitLabel={t('report.reject.submit')}
      danger
      onCancel={onCancel}
      confirm={
        reason
          ? {
              title: t('report.reject.confirmTitle'),
              body: (
                <p>
                  {t('report.reject.confirmBody', {
                    code: report.code,
                    reason: t(`rejectionReasons.${reason}`),
                  })}
                </p>
              ),
            }
          : undefined
      }
    >
      <SelectField
        label={t('report.reject.reason')}
        value={reason}
        onChange={(v) => form.set('reason', REJECTION_REASONS.find((r) => r === v) ?? '')}
        options={REJECTION_REASONS.map((r) => ({ value: r, label: t(`rejectionReasons.${r}`) }))}
        placeholder={t('report.reject.chooseReason')}
        required
        error={form.errors.reason}
      />
      {reason === 'duplicate' ? (
        <TextField
          label={t('report.reject.duplicateCode')}
          {...form.field('duplicateOf')}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          hint={t('report.reject.duplicateHint')}
        />
      ) : null}
      <TextAreaField
        label={t('report.reject.publicNote')}
        {...form.field('publicNote')}
        required
        maxLength={NOTE_MAX}
        hint={t('report.reject.publicNoteHint')}
      />
    </DialogForm>
  );
}
