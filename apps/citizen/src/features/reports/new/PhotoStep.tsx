import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { Icon } from '../../../components/Icon.tsx';
import { errorText, isConnectionError } from '../../../components/RequestStatus.tsx';
import { platform } from '../../../platform/index.ts';
import { PrivatePhoto } from '../ReportBits.tsx';
import { MAX_REPORT_PHOTOS } from '../report-format.ts';
import type { PhotoItem } from './usePhotoUploads.ts';

function Thumbnail({ item, alt }: { item: PhotoItem; alt: string }) {
  const [previewBroken, setPreviewBroken] = useState(false);
  // HEIC photos cannot be previewed by most browsers: show the server's thumbnail once it is uploaded.
  if (item.preview && !previewBroken) {
    return <img className="photo" src={item.preview} alt={alt} onError={() => setPreviewBroken(true)} />;
  }
  if (item.uploaded) return <PrivatePhoto id={item.uploaded.id} size="thumb" alt={alt} />;
  return (
    <span className="photo photo-placeholder" role="img" aria-label={alt}>
      <Icon name="image" size={32} />
    </span>
  );
}

export function PhotoStep({
  items,
  onAdd,
  onRetry,
  onRemove,
}: {
  items: PhotoItem[];
  onAdd: (files: File[]) => void;
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation();
  const room = MAX_REPORT_PHOTOS - items.length;
  // The picker must open inside the click itself (browsers allow file pickers only during a user gesture).
  const pick = (camera: boolean) => {
    platform
      .pickImages({ max: room, camera })
      .then((files) => {
        if (files.length > 0) onAdd(files);
      })
      .catch(() => undefined);
  };

  return (
    <div className="step-body">
      <p>{t('reports.photos.intro', { max: MAX_REPORT_PHOTOS })}</p>
      {room > 0 ? (
        <div className="pick-buttons">
          <button type="button" className="big-choice" onClick={() => pick(true)}>
            <Icon name="camera" size={40} />
            <span>{t('reports.photos.takePhoto')}</span>
          </button>
          <button type="button" className="big-choice" onClick={() => pick(false)}>
            <Icon name="image" size={40} />
            <span>{t('reports.photos.choosePhoto')}</span>
          </button>
        </div>
      ) : (
        <p className="hint">{t('reports.photos.full', { max: MAX_REPORT_PHOTOS })}</p>
      )}

      {items.length > 0 && (
        <ul className="photo-list" aria-label={t('reports.photos.listLabel')}>
          {items.map((item, index) => {
            const n = index + 1;
            return (
              <li key={item.key} className={`photo-item photo-item-${item.status}`} data-testid="photo-item">
                <Thumbnail item={item} alt={t('reports.photos.beforeAlt', { n })} />
                <div className="photo-item-info">
                  {item.status === 'uploading' && (
                    <>
                      <span>
                        {t('reports.photos.uploading', { percent: Math.round(item.progress * 100) })}
                      </span>
                      <progress
                        max={100}
                        value={Math.round(item.progress * 100)}
                        aria-label={t('reports.photos.progressLabel', { n })}
                      />
                    </>
                  )}
                  {item.status === 'done' && (
                    <span className="photo-done">
                      <Icon name="check" size={22} />
                      {t('reports.photos.uploaded')}
                    </span>
                  )}
                  {item.status === 'waiting' && (
                    <span className="photo-waiting">
                      <Icon name="clock" size={22} />
                      {t('reports.photos.waiting')}
                    </span>
                  )}
                  {item.status === 'failed' && (
                    <>
                      <span className="photo-error" role="alert">
                        {item.error ? errorText(item.error, t) : t('reports.photos.failed')}
                      </span>
                      {/* A photo the server could not read fails the same way again: only offer a retry after
                          a connection problem. */}
                      {item.file && (!item.error || isConnectionError(item.error)) && (
                        <Button
                          variant="secondary"
                          size="small"
                          prefixIcon={<Icon name="retry" size={20} />}
                          onClick={() => onRetry(item.key)}
                          aria-label={t('reports.photos.retryLabel', { n })}
                        >
                          {t('errors.retry')}
                        </Button>
                      )}
                    </>
                  )}
                </div>
                <button
                  type="button"
                  className="icon-button remove-photo"
                  aria-label={t('reports.photos.remove', { n })}
                  onClick={() => onRemove(item.key)}
                >
                  <Icon name="trash" size={26} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
