import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { CheckboxField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { PhotoGrid, usePhotoName } from './ReportPhotos.tsx';
import { reportsApi } from './reports.api.ts';
import type { ActionDialogProps } from './SimpleActionDialogs.tsx';

/**
 * "Duyệt & công khai": the dispatcher reads the answer, hides the photos that show personal data
 * (faces, number plates, papers) and publishes the result.
 */
export function PublishDialog({ report, onDone, onCancel, onFailed }: ActionDialogProps) {
  const { t } = useTranslation();
  const name = usePhotoName(report.photos);
  const form = useDialogForm({
    initial: () => ({
      hidden: new Set(report.photos.filter((p) => p.hidden).map((p) => p.id)) as ReadonlySet<string>,
    }),
    onFailed,
    save: async ({ hidden }) =>
      onDone(
        await reportsApi.publish(report.code, { hiddenPhotoIds: [...hidden] }),
        t('report.done.publish'),
      ),
  });
  const { hidden } = form.values;

  const toggle = (id: string, on: boolean) =>
    form.update(({ hidden: prev }) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return { hidden: next };
    });

  return (
    <DialogForm
      title={t('report.publish.title', { code: report.code })}
      form={form}
      submitLabel={t('report.publish.submit')}
      onCancel={onCancel}
      confirm={{
        title: t('report.publish.confirmTitle'),
        body: <p>{t('report.publish.confirmBody', { code: report.code, hidden: hidden.size })}</p>,
      }}
    >
      <p>{t('report.publish.intro')}</p>
      <h3>{t('report.publish.answer')}</h3>
      <p className="prose answer-box">{report.publicAnswer ?? t('common.emDash')}</p>
      {report.photos.length > 0 ? (
        <>
          <h3>{t('report.publish.photos')}</h3>
          <ul className="photo-grid photo-grid-wide">
            {[...report.photos]
              .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'before' ? -1 : 1))
              .map((photo) => (
                <li key={photo.id} className="photo-check">
                  <PhotoGrid photos={[photo]} name={name} />
                  <CheckboxField
                    label={t('report.publish.hidePhoto')}
                    checked={hidden.has(photo.id)}
                    onChange={(on) => toggle(photo.id, on)}
                    hint={name(photo)}
                  />
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </DialogForm>
  );
}
