import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { TextAreaField } from '../../components/Fields.tsx';
import { ActionFormDialog, useFieldErrors } from './ActionFormDialog.tsx';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX } from './reports.domain.ts';
import { type ActionDialogProps, useNoteError } from './SimpleActionDialogs.tsx';

/** "Chuyển xử lý": another agency takes the report over, with the reason. */
export function TransferDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const [agency, setAgency] = useState<AgencyRef | null>(null);
  const [reason, setReason] = useState('');
  const { errors, check } = useFieldErrors({
    agency: agency ? undefined : t('validation.chooseOne'),
    reason: noteError(reason),
  });

  return (
    <ActionFormDialog
      title={t('report.transfer.title', { code: report.code })}
      submitLabel={t('report.transfer.submit')}
      onCancel={onCancel}
      onFailed={onFailed}
      check={check}
      confirm={
        agency
          ? {
              title: t('report.transfer.confirmTitle'),
              body: <p>{t('report.transfer.confirmBody', { code: report.code, agency: agency.name })}</p>,
            }
          : undefined
      }
      send={async () => {
        if (!agency) return;
        const updated = await reportsApi.transfer(report.code, {
          agencyId: agency.id,
          reason: reason.trim(),
        });
        onDone(updated, t('report.done.transfer', { agency: agency.name }));
      }}
    >
      <AgencyPicker
        value={agency}
        onChange={setAgency}
        required
        error={errors.agency}
        label={t('report.transfer.agency')}
        searchLabel={t('report.transfer.agencySearch')}
        excludeId={report.agencyId}
      />
      <TextAreaField
        label={t('report.transfer.reason')}
        value={reason}
        onChange={setReason}
        required
        maxLength={NOTE_MAX}
        error={errors.reason}
      />
    </ActionFormDialog>
  );
}
