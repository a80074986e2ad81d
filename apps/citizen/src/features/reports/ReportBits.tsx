import type { MyReport, PublicReport, ReportStatus } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useObjectUrl } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { citizenBlob } from '../../lib/session/citizen-session.ts';
import { OPEN_STATUSES, timeLeft } from './report-format.ts';
import { myPhotoPath, publicPhotoUrl } from './reports.api.ts';

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge status-${status}`}>{t(`reports.status.${status}`)}</span>;
}

/** "Còn 2 ngày 3 giờ" while the agency still owes an answer; "Quá hạn" in red once it is late. */
export function Deadline({ report }: { report: Pick<MyReport, 'status' | 'resolveDueAt' | 'overdue'> }) {
  const { t } = useTranslation();
  if (!OPEN_STATUSES.includes(report.status) || !report.resolveDueAt) return null;
  const left = timeLeft(report.resolveDueAt);
  if (report.overdue || left.kind === 'overdue') {
    return (
      <span className="deadline deadline-overdue">
        <Icon name="clock" size={20} />
        {t('reports.deadline.overdue')}
      </span>
    );
  }
  const text =
    left.kind === 'days'
      ? t('reports.deadline.daysLeft', { days: left.days, hours: left.hours })
      : t('reports.deadline.hoursLeft', { hours: left.hours, minutes: left.minutes });
  return (
    <span className="deadline">
      <Icon name="clock" size={20} />
      {text}
    </span>
  );
}

const KNOWN_EVENTS = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'rejected',
  'published',
  'transferred',
  'note',
  'reopened',
] as const;
type KnownEvent = (typeof KNOWN_EVENTS)[number];
const isKnownEvent = (kind: string): kind is KnownEvent => (KNOWN_EVENTS as readonly string[]).includes(kind);

/** The public history of a report, oldest first. */
export function Timeline({ entries }: { entries: MyReport['timeline'] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <section className="report-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('reports.detail.timeline')}</h2>
      <ol className="timeline">
        {entries.map((entry, index) => (
          // Entries have no id; their order never changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only history
          <li key={index}>
            <p className="timeline-what">
              {isKnownEvent(entry.kind) ? t(`reports.event.${entry.kind}`) : t('reports.event.other')}
            </p>
            <p className="timeline-when">{formatDateTime(entry.at)}</p>
            {entry.note && <p className="timeline-note">{entry.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * A photo behind the citizen's token: fetched as a blob and shown from an object URL (freed on unmount).
 * While loading, and if it fails, a grey box of the same shape keeps the layout still.
 */
export function PrivatePhoto({ id, size, alt }: { id: string; size: 'full' | 'thumb'; alt: string }) {
  const { url, failed } = useObjectUrl(
    (signal) => citizenBlob(myPhotoPath(id, size), { signal, timeoutMs: 60_000 }),
    [id, size],
  );
  if (url) return <img className="photo" src={url} alt={alt} />;
  const className = `photo photo-placeholder${failed ? ' photo-failed' : ''}`;
  const icon = <Icon name={failed ? 'alert' : 'camera'} size={32} />;
  // A decorative photo (alt="") stays decorative while it loads.
  if (!alt) return <span className={className}>{icon}</span>;
  return (
    <span className={className} role="img" aria-label={alt}>
      {icon}
    </span>
  );
}

export function PublicPhoto({ id, size, alt }: { id: string; size: 'full' | 'thumb'; alt: string }) {
  return <img className="photo" src={publicPhotoUrl(id, size)} alt={alt} loading="lazy" />;
}

type Photos = PublicReport['photos'];

/**
 * Before and after photos in labelled groups, as thumbnails (cheap on 3G); tapping one swaps in the full-size
 * photo. Own photos need the token; the agency's after-photos and public reports come from the public URL.
 */
export function PhotoGroups({ photos, source }: { photos: Photos; source: 'mine' | 'public' }) {
  const { t } = useTranslation();
  const [enlarged, setEnlarged] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setEnlarged((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const groups = (['before', 'after'] as const)
    .map((kind) => ({ kind, items: photos.filter((p) => p.kind === kind) }))
    .filter((g) => g.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <div className="photo-groups">
      {groups.map((group) => (
        <figure key={group.kind} className="photo-group">
          <figcaption>{t(`reports.photos.${group.kind}`)}</figcaption>
          <ul className="photo-row">
            {group.items.map((photo, index) => {
              const alt = t(`reports.photos.${group.kind}Alt`, { n: index + 1 });
              const size = enlarged.has(photo.id) ? 'full' : 'thumb';
              const usePublic = source === 'public' || photo.kind === 'after';
              return (
                <li key={photo.id} className={size === 'full' ? 'photo-large' : undefined}>
                  <button
                    type="button"
                    className="photo-button"
                    aria-pressed={size === 'full'}
                    aria-label={t('reports.photos.enlarge', { photo: alt })}
                    onClick={() => toggle(photo.id)}
                  >
                    {usePublic ? (
                      <PublicPhoto id={photo.id} size={size} alt="" />
                    ) : (
                      <PrivatePhoto id={photo.id} size={size} alt="" />
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </figure>
      ))}
    </div>
  );
}
