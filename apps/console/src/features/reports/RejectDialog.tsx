import type { RejectionReason } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../components/Fields.tsx';
import { ActionFormDialog, useFieldErrors } from './ActionFormDialog.tsx';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX, REJECTION_REASONS, REPORT_CODE_PATTERN } from './reports.domain.ts';
import { type ActionDialogProps, useNoteError } from './SimpleActionDialogs.tsx';

/** "Từ chối": a reason, the original's code for a duplicate, and an explanation the citizen receives. */
export function RejectDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const [reason, setReason] = useState<RejectionReason | ''>('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [publicNote, setPublicNote] = useState('');
  const code = duplicateOf.trim().toUpperCase();
  const { errors, check } = useFieldErrors({
    reason: reason ? undefined : t('validation.chooseOne'),
    duplicateOf:
      reason === 'duplicate' && !REPORT_CODE_PATTERN.test(code) ? t('validation.reportCode') : undefined,
    publicNote: noteError(publicNote),
  });

  return (
    <ActionFormDialog
      title={t('report.reject.title', { code: report.code })}
      submitLabel={t('report.reject.submit')}
      danger
      onCancel={onCancel}
      onFailed={onFailed}
      check={check}
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
      send={async () => {
        if (!reason) return;
        const updated = await reportsApi.reject(report.code, {
          reason,
          publicNote: publicNote.trim(),
          ...(reason === 'duplicate' ? { duplicateOfCode: code } : {}),
        });
        onDone(updated, t('report.done.reject'));
      }}
    >
      <SelectField
        label={t('report.reject.reason')}
        value={reason}
        onChange={(v) => setReason(REJECTION_REASONS.find((r) => r === v) ?? '')}
        options={REJECTION_REASONS.map((r) => ({ value: r, label: t(`rejectionReasons.${r}`) }))}
        placeholder={t('report.reject.chooseReason')}
        required
        error={errors.reason}
      />
      {reason === 'duplicate' ? (
        <TextField
          label={t('report.reject.duplicateCode')}
          value={duplicateOf}
          onChange={setDuplicateOf}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          hint={t('report.reject.duplicateHint')}
          error={errors.duplicateOf}
        />
      ) : null}
      <TextAreaField
        label={t('report.reject.publicNote')}
        value={publicNote}
        onChange={setPublicNote}
        required
        maxLength={NOTE_MAX}
        hint={t('report.reject.publicNoteHint')}
        error={errors.publicNote}
      />
    </ActionFormDialog>
  );
}
