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

/**
 * A stored file no photo row names is left alone this long: an upload writes its files a moment before it
 * inserts its row, and another node may be in that moment. Past it, the file is an orphan (see sweepOrphanFiles).
 */
export const ORPHAN_FILE_GRACE_MS = 6 * 3_600_000;

const PHOTO_PREFIX = 'report-photos/';
/** `report-photos/<photo id>.jpg` or `report-photos/<photo id>-thumb.webp`: the id is the row's primary key. */
const PHOTO_KEY =
  /^report-photos\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-thumb)?\.[a-z]+$/;

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

    /**
     * Deletes stored photo files that no photo row names, written more than ORPHAN_FILE_GRACE_MS ago: files of
     * an upload killed between its write and its row, of a purge killed between its row and its files, and the
     * temporary files of local writes killed midway. Safe to run twice, and on several nodes at once. The
     * store must belong to this database alone (docs/OPERATIONS.md): a file is judged by the rows of this one.
     */
    async sweepOrphanFiles(): Promise<number> {
      const before = clock.now().getTime() - ORPHAN_FILE_GRACE_MS;
      let removed = 0;
      let batch: string[] = [];
      const flush = async () => {
        const ids = [
          ...new Set(batch.map((key) => PHOTO_KEY.exec(key)?.[1]).filter((id) => id !== undefined)),
        ];
        const named = new Set(
          (await reportPhotoRepository.keysOf(db, ids)).flatMap((row) => [row.file_key, row.thumb_key]),
        );
        for (const key of batch) {
          if (named.has(key)) continue;
          await files.delete(key);
          removed += 1;
        }
        batch = [];
      };
      for await (const file of files.list(PHOTO_PREFIX)) {
        if (file.modifiedAt.getTime() >= before) continue;
        batch.push(file.key);
        if (batch.length >= 500) await flush();
      }
      await flush();
      return removed;
    },
  };
}
export type ReportPhotoService = ReturnType<typeof createReportPhotoService>;
