import type { StaffReport, StaffReportPhoto } from '@dltt/contracts';
import { shrinkPhoto } from '@dltt/photo-resize';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import { FormError } from '../../components/Fields.tsx';
import { photoUrl, reportsApi } from './reports.api.ts';
import { MAX_AFTER_PHOTOS } from './reports.domain.ts';

/** "Ảnh hiện trường 2" / "Ảnh sau xử lý 1": numbered within its kind, as the grids show them. */
export function usePhotoName(photos: readonly StaffReportPhoto[]): (photo: StaffReportPhoto) => string {
  const { t } = useTranslation();
  return (photo) => {
    const n = photos.filter((p) => p.kind === photo.kind).findIndex((p) => p.id === photo.id) + 1;
    return t(photo.kind === 'before' ? 'report.photoBefore' : 'report.photoAfter', { n });
  };
}

interface PhotoGridProps {
  photos: readonly StaffReportPhoto[];
  name(photo: StaffReportPhoto): string;
  /** Shown under each photo when given (after-photos while the report is open). */
  onRemove?: ((photo: StaffReportPhoto) => void) | undefined;
}

/** Thumbnails; a click shows the full photo in a dialog. */
export function PhotoGrid({ photos, name, onRemove }: PhotoGridProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<StaffReportPhoto | null>(null);
  return (
    <>
      <ul className="photo-grid">
        {photos.map((photo) => (
          <li key={photo.id}>
            <button type="button" className="photo-button" onClick={() => setShown(photo)}>
              <img
                src={photoUrl(photo.id, 'thumb')}
                alt={`${name(photo)} ${t('report.enlarge')}`}
                loading="lazy"
              />
            </button>
            {photo.hidden ? <span className="badge badge-off">{t('report.photoHidden')}</span> : null}
            {onRemove ? (
              <button
                type="button"
                className="button button-small button-danger-outline"
                onClick={() => onRemove(photo)}
              >
                {t('report.removePhoto')}
                <span className="sr-only"> {name(photo)}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {shown ? (
        <Dialog title={name(shown)} onClose={() => setShown(null)}>
          <img
            className="photo-full"
            src={photoUrl(shown.id, 'full')}
            alt={name(shown)}
            width={shown.width}
            height={shown.height}
            style={{ height: 'auto' }}
          />
          <div className="dialog-actions">
            <button type="button" className="button" data-autofocus="" onClick={() => setShown(null)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

interface AfterPhotosProps {
  report: StaffReport;
  /** The report with the photo added or removed, and the message to announce. */
  onReport(report: StaffReport, message: string): void;
  /** Shown at the upload field (the resolve dialog: "this category needs an after-photo"). */
  error?: string | undefined;
}

/** The agency's after-photos with upload and delete (while `addPhoto` is among the report's actions). */
export function AfterPhotos({ report, onReport, error: fieldError }: AfterPhotosProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();
  const [removing, setRemoving] = useState<StaffReportPhoto | null>(null);
  const after = report.photos.filter((p) => p.kind === 'after');
  const name = usePhotoName(report.photos);
  const editable = report.actions.includes('addPhoto');
  const full = after.length >= MAX_AFTER_PHOTOS;

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setUploading(true);
    setError(undefined);
    try {
      onReport(await reportsApi.addPhoto(report.code, await shrinkPhoto(file)), t('report.photoAdded'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      input.value = '';
      setUploading(false);
    }
  };

  return (
    <div data-testid="after-photos">
      <h3>{t('report.afterPhotos')}</h3>
      {report.requiresAfterPhoto && editable ? (
        <p className="hint">{t('report.requiresAfterPhoto')}</p>
      ) : null}
      {after.length > 0 ? (
        <PhotoGrid photos={after} name={name} onRemove={editable ? setRemoving : undefined} />
      ) : (
        <p className="muted">{t('report.noAfterPhotos')}</p>
      )}
      <FormError message={error} />
      {editable && !full ? (
        <div className={fieldError ? 'field file-input field-invalid' : 'field file-input'}>
          <label htmlFor={inputId}>{t('report.addPhoto')}</label>
          <input
            id={inputId}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,image/avif"
            disabled={uploading}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
            onChange={(e) => void upload(e)}
          />
          <p id={`${inputId}-hint`} className="hint" aria-live="polite">
            {uploading ? t('report.uploading') : t('report.addPhotoHint', { max: MAX_AFTER_PHOTOS })}
          </p>
          {fieldError ? (
            <p id={`${inputId}-error`} className="field-error">
              {fieldError}
            </p>
          ) : null}
        </div>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('report.removePhotoTitle')}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            const updated = await reportsApi.removePhoto(report.code, removing.id);
            setRemoving(null);
            onReport(updated, t('report.photoRemoved'));
          }}
        >
          <p>{t('report.removePhotoBody', { name: name(removing) })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
