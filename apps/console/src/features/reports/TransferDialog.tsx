import { useTranslation } from 'react-i18next';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { DialogForm } from '../../components/DialogForm.tsx';
import { TextAreaField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX } from './reports.domain.ts';
import { type ActionDialogProps, useNoteError } from './SimpleActionDialogs.tsx';

/** "Chuyển xử lý": another agency takes the report over, with the reason. */
export function TransferDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const form = useDialogForm({
    initial: { agency: null as AgencyRef | null, reason: '' },
    validate: (v) => ({
      agency: v.agency ? undefined : t('validation.chooseOne'),
      reason: noteError(v.reason),
    }),
    onFailed,
    save: async ({ agency, reason }) => {
      if (!agency) return;
      const updated = await reportsApi.transfer(report.code, { agencyId: agency.id, reason: reason.trim() });
      onDone(updated, t('report.done.transfer', { agency: agency.name }));
    },
  });
  const { agency } = form.values;

  return (
    <DialogForm
      title={t('report.transfer.title', { code: report.code })}
      form={form}
      submitLabel={t('report.transfer.submit')}
      onCancel={onCancel}
      confirm={
        agency
          ? {
              title: t('report.transfer.confirmTitle'),
              body: <p>{t('report.transfer.confirmBody', { code: report.code, agency: agency.name })}</p>,
            }
          : undefined
      }
    >
      <AgencyPicker
        value={agency}
        onChange={(v) => form.set('agency', v)}
        required
        error={form.errors.agency}
        label={t('report.transfer.agency')}
        searchLabel={t('report.transfer.agencySearch')}
        excludeId={report.agencyId}
      />
      <TextAreaField
        label={t('report.transfer.reason')}
        {...form.field('reason')}
        required
        maxLength={NOTE_MAX}
      />
    </DialogForm>
  );
}
