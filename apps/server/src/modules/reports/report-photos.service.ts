import { randomUUID } from 'node:crypto';
import type { UploadedPhoto } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { processPhoto } from './report-photos.image.ts';
import { reportPhotoRepository } from './report-photos.repository.ts';

/** Uploaded photos not attached to a report within this time are deleted (abandoned drafts). */
export const UNATTACHED_PHOTO_TTL_MS = 48 * 3_600_000;

export function createReportPhotoService(deps: { db: Executor; clock: Clock; files: FileStore }) {
  const { db, clock, files } = deps;
  return {
    async upload(citizen: CitizenPrincipal, input: Buffer): Promise<UploadedPhoto> {
      const photo = await processPhoto(input);
      const id = randomUUID();
      const fileKey = `report-photos/${id}.jpg`;
      const thumbKey = `report-photos/${id}-thumb.webp`;
      await files.put(fileKey, photo.full, 'image/jpeg');
      await files.put(thumbKey, photo.thumb, 'image/webp');
      await reportPhotoRepository.insert(db, {
        id,
        citizen_id: citizen.citizenId,
        file_key: fileKey,
        thumb_key: thumbKey,
        width: photo.width,
        height: photo.height,
        bytes: photo.full.length,
        exif_lat: photo.exifLocation?.lat ?? null,
        exif_lng: photo.exifLocation?.lng ?? null,
        created_at: clock.now(),
      });
      return { id, width: photo.width, height: photo.height, exifLocation: photo.exifLocation };
    },

    /** A photo's bytes, for the citizen who uploaded it. */
    async fileForCitizen(citizen: CitizenPrincipal, id: string, size: 'full' | 'thumb') {
      const row = await reportPhotoRepository.findById(db, id);
      if (!row || row.citizen_id !== citizen.citizenId) throw new AppError('PHOTO_NOT_FOUND');
      const file = await files.get(size === 'full' ? row.file_key : row.thumb_key);
      if (!file) throw new AppError('PHOTO_NOT_FOUND');
      return file;
    },

    /** Deletes photos of abandoned drafts; safe to run twice. Returns how many went. */
    async purgeUnattached(): Promise<number> {
      const before = new Date(clock.now().getTime() - UNATTACHED_PHOTO_TTL_MS);
      const rows = await reportPhotoRepository.unattachedBefore(db, before, 500);
      for (const row of rows) {
        await reportPhotoRepository.delete(db, row.id);
        await files.delete(row.file_key);
        await files.delete(row.thumb_key);
      }
      return rows.length;
    },
  };
}
export type ReportPhotoService = ReturnType<typeof createReportPhotoService>;
