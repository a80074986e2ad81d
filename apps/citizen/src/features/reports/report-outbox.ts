import type { SubmitReportBody, UploadedPhoto } from '@dltt/contracts';
import { myReportPath } from '../../app/paths.ts';
import { keepPhotos } from '../../lib/outbox/outbox.ts';
import type { OutboxEntry, OutboxPhoto, Sender } from '../../lib/outbox/types.ts';
import { rememberSentCode } from '../../lib/sent-reports.ts';
import { DRAFT_PHOTOS_KEY, newDraft, type ReportDraft, saveDraft } from './report-draft.ts';
import { submitReport, uploadPhoto } from './reports.api.ts';

/** A report in the outbox: the form's answers; its photos are the entry's (uploaded ones and Blobs). */
export type QueuedReport = Omit<SubmitReportBody, 'photoIds'>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function reportBody(entry: OutboxEntry): QueuedReport {
  const body = entry.body;
  if (!isObject(body) || typeof body.categoryId !== 'string' || !isObject(body.location))
    throw new Error('Outbox entry is not a report');
  return body as unknown as QueuedReport;
}

const uploadedOf = (photo: OutboxPhoto): UploadedPhoto | null =>
  'uploaded' in photo ? (photo.uploaded as UploadedPhoto) : null;

/**
 * Sends a queued report: photos still on the phone are uploaded first (each answer saved in the entry at once,
 * so an interrupted attempt does not upload it twice), then the report with the entry's Idempotency-Key.
 */
export const sendReport: Sender = async (entry, context) => {
  const body = reportBody(entry);
  const photos = [...entry.photos];
  for (const [i, photo] of photos.entries()) {
    if ('uploaded' in photo) continue;
    const uploaded = await uploadPhoto(photo.blob, () => undefined);
    photos[i] = { uploaded };
    await context.update({ photos });
  }
  const photoIds = photos.map(uploadedOf).flatMap((p) => (p ? [p.id] : []));
  const report = await submitReport({ ...body, photoIds }, entry.idempotencyKey);
  await rememberSentCode(report.code);
  return { code: report.code, path: myReportPath(report.code) };
};

/**
 * A refused report opened again as the draft (with a new key: the refused one is spent), at the step to look
 * at first: the photos when none reached the server, else the description. Photos never uploaded go back to
 * the form's kept photos, which upload when it opens.
 */
export async function reopenReport(entry: OutboxEntry): Promise<void> {
  const body = reportBody(entry);
  const photos = entry.photos.map(uploadedOf).flatMap((p) => (p ? [p] : []));
  const draft: ReportDraft = {
    ...newDraft(body.categoryId),
    step: photos.length === 0 ? 'photos' : 'details',
    photos,
    location: { ...body.location, accuracy: body.location.accuracy ?? null },
    communeCode: body.communeCode ?? null,
    address: body.address ?? '',
    description: body.description,
    contactPhone: body.contactPhone ?? '',
    hideIdentity: body.hideIdentity,
    consent: false,
  };
  await saveDraft(draft);
  await keepPhotos(
    DRAFT_PHOTOS_KEY,
    entry.photos.flatMap((p, i) =>
      'blob' in p
        ? [{ key: `${entry.id}-${i}`, file: new File([p.blob], `photo-${i}`, { type: p.type }) }]
        : [],
    ),
  );
}
