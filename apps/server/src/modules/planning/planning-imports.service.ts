import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  PLANNING_REQUIRED_FIELDS,
  type PlanningCrs,
  type PlanningEncoding,
  type PlanningImport,
  PlanningImportDetected,
  type PlanningImportPreview,
  type StartPlanningImportBody,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { PlanningConfig } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { PLANNING_IMPORT_JOB } from '../../jobs/names.ts';
import type { JobTrigger } from '../../jobs/trigger.ts';
import type { FileStore } from '../../storage/file-store.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { detectGeoJson, detectShapefile, formatOfBytes, previewRecords } from './import/detect.ts';
import { type InProvince, loadProvinceTest } from './import/province.ts';
import { runImport } from './import/run.ts';
import { extractShapefile } from './import/zip.ts';
import { presentPlanningImport } from './planning-imports.presenter.ts';
import {
  type DatasetOfImport,
  type PlanningImportRow,
  planningImportRepository as repo,
} from './planning-imports.repository.ts';

/** Imports listed for a dataset: the last ones are what the console shows. */
const LIST_LIMIT = 20;
/** Rows deleted per statement when clearing an import that will never be live (keeps each statement short). */
const DELETE_BATCH = 10_000;
/**
 * Rows of a replaced import are kept this long after the publish that replaced them: lookups in other processes
 * keep the list of published datasets for up to 5 s (planning-lookup.service.ts) and may still read them.
 */
const REPLACED_ROWS_GRACE_MS = 30_000;

export interface PlanningImportDeps {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  files: FileStore;
  jobs: JobTrigger;
  planning: PlanningConfig;
  referenceDir: string;
  /** Called after a publish committed: the lookups drop what they keep of the published datasets. */
  changed: () => void;
}

/** Admins see every dataset; a planning officer only their agency's (another agency's is 404, not 403). */
function visibleTo(actor: Actor, dataset: DatasetOfImport | undefined): dataset is DatasetOfImport {
  return dataset !== undefined && (actor.role === 'admin' || dataset.agency_id === actor.agencyId);
}

/**
 * Imports of planning files: upload (streamed to storage, read enough to show what is in it), preview, start (a
 * background job validates and stages the rows), cancel, publish (one transaction switches the dataset's live
 * rows). Staged rows are invisible to lookups until published.
 */
export function createPlanningImportService(deps: PlanningImportDeps) {
  const { db, clock, audit, files, jobs, planning } = deps;
  let province: Promise<InProvince> | undefined;
  const inProvince = () => {
    province ??= loadProvinceTest(deps.referenceDir);
    return province;
  };

  async function importFor(actor: Actor, id: string) {
    const row = await repo.find(db, id);
    const dataset = row ? await repo.findDataset(db, row.dataset_id) : undefined;
    if (!row || !visibleTo(actor, dataset)) throw new AppError('PLANNING_IMPORT_NOT_FOUND');
    return { row, dataset };
  }

  async function datasetFor(actor: Actor, id: string) {
    const dataset = await repo.findDataset(db, id);
    if (!visibleTo(actor, dataset)) throw new AppError('PLANNING_DATASET_NOT_FOUND');
    return dataset;
  }

  /** A private temporary folder for the duration of `work`. */
  async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(path.join(tmpdir(), 'dltt-planning-'));
    try {
      return await work(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The stored file copied to local disk (a zip is read from its end; the readers want a path). */
  async function download(row: PlanningImportRow, dir: string): Promise<string> {
    const stream = await files.openStream(row.file_key);
    if (!stream) throw new AppError('PLANNING_FILE_INVALID', { detail: 'the uploaded file is gone' });
    const file = path.join(dir, row.format === 'shapefile' ? 'upload.zip' : 'upload.json');
    await pipeline(stream, createWriteStream(file, { mode: 0o600 }));
    return file;
  }

  async function deleteAllRows(importId: string): Promise<void> {
    while ((await repo.deleteRows(db, importId, DELETE_BATCH)) > 0);
  }

  return {
    /**
     * Stores the body under a new key while checking it: the first bytes must be a zip or JSON, the size within
     * PLANNING_MAX_UPLOAD_MB. A local copy is written alongside, read to fill `detected`.
     */
    async upload(
      actor: Actor,
      datasetId: string,
      fileName: string,
      body: AsyncIterable<Uint8Array>,
    ): Promise<PlanningImport> {
      const dataset = await datasetFor(actor, datasetId);
      const key = `planning-imports/${randomUUID()}`;
      return withTempDir(async (dir) => {
        const local = path.join(dir, 'upload');
        const copy = await open(local, 'wx', 0o600);
        let format: 'shapefile' | 'geojson' | null = null;
        let size = 0;
        const max = planning.maxUploadBytes;
        const checked = async function* () {
          let head = Buffer.alloc(0);
          for await (const chunk of body) {
            size += chunk.length;
            if (size > max) throw new AppError('PLANNING_FILE_TOO_LARGE', { maxBytes: max });
            if (format === null) {
              head = Buffer.concat([head, chunk]);
              if (head.length < 64) continue;
              format = formatOfBytes(head);
              if (format === null)
                throw new AppError('PLANNING_FILE_INVALID', { detail: 'not a zip or JSON' });
              await copy.writeFile(head);
              yield head;
              continue;
            }
            await copy.writeFile(chunk);
            yield chunk;
          }
          if (format === null) {
            format = formatOfBytes(head);
            if (format === null) throw new AppError('PLANNING_FILE_INVALID', { detail: 'not a zip or JSON' });
            await copy.writeFile(head);
            yield head;
          }
        };
        try {
          await files.putStream(key, checked(), 'application/octet-stream');
        } finally {
          await copy.close();
        }
        const detectedFormat = format as 'shapefile' | 'geojson' | null;
        if (!detectedFormat) throw new AppError('PLANNING_FILE_INVALID', { detail: 'empty file' });
        let detected: PlanningImportDetected;
        try {
          detected =
            detectedFormat === 'shapefile'
              ? (await detectShapefile(local, dir, max * 20)).detected
              : await detectGeoJson(local);
        } catch (error) {
          await files.delete(key);
          throw error;
        }
        const row = await db.transaction().execute(async (trx) => {
          const inserted = await repo.insert(trx, {
            dataset_id: dataset.id,
            file_key: key,
            file_name: fileName,
            file_size: size,
            format: detectedFormat,
            detected: JSON.stringify(detected),
            created_by: actor.userId,
            created_at: clock.now(),
          });
          await audit.record(trx, actor, {
            action: 'planning_import.upload',
            entityType: 'planning_import',
            entityId: inserted.id,
            after: { datasetId: dataset.id, fileName, fileSize: size, detected },
          });
          return inserted;
        });
        return presentPlanningImport(row);
      });
    },

    async get(actor: Actor, id: string): Promise<PlanningImport> {
      return presentPlanningImport((await importFor(actor, id)).row);
    },

    async list(actor: Actor, datasetId: string): Promise<PlanningImport[]> {
      const dataset = await datasetFor(actor, datasetId);
      return (await repo.listForDataset(db, dataset.id, LIST_LIMIT)).map(presentPlanningImport);
    },

    /** The first records decoded with `encoding` (else the chosen one, the .cpg's, UTF-8). */
    async preview(
      actor: Actor,
      id: string,
      encoding: PlanningEncoding | undefined,
    ): Promise<PlanningImportPreview> {
      const { row } = await importFor(actor, id);
      const detected = PlanningImportDetected.parse(row.detected);
      const chosen = encoding ?? row.encoding ?? detected.encodingFromCpg ?? 'utf-8';
      const rows = await withTempDir(async (dir) => {
        const file = await download(row, dir);
        if (row.format === 'geojson') return previewRecords('geojson', { file });
        const shapefile = await extractShapefile(file, dir, planning.maxUploadBytes * 20, ['.dbf']);
        return previewRecords('shapefile', { shapefile, encoding: chosen });
      });
      return { encoding: row.format === 'geojson' ? 'utf-8' : chosen, columns: detected.columns, rows };
    },

    /** Checks the choices against what the file holds, remembers the mapping, queues the job. */
    async start(actor: Actor, id: string, body: StartPlanningImportBody): Promise<PlanningImport> {
      const { row, dataset } = await importFor(actor, id);
      if (row.status !== 'uploaded' && row.status !== 'failed') throw new AppError('PLANNING_IMPORT_STATE');
      const detected = PlanningImportDetected.parse(row.detected);
      let encoding: PlanningEncoding = 'utf-8';
      if (row.format === 'shapefile') {
        const given = body.encoding ?? detected.encodingFromCpg;
        if (!given) throw new AppError('PLANNING_ENCODING_REQUIRED');
        encoding = given;
      }
      const crs: PlanningCrs | null = body.crs ?? detected.crsFromFile;
      if (!crs) throw new AppError('PLANNING_CRS_REQUIRED');
      const cadastral = dataset.kind === 'cadastral';
      const mapping = cadastral ? body.mapping.parcel : body.mapping.zone;
      const required: readonly string[] = PLANNING_REQUIRED_FIELDS[cadastral ? 'parcel' : 'zone'];
      const missingFields = required.filter((field) => !(mapping as Record<string, string>)[field]);
      const unknownColumns = Object.values(mapping).filter((column) => !detected.columns.includes(column));
      if (missingFields.length > 0 || unknownColumns.length > 0)
        throw new AppError('PLANNING_MAPPING_INVALID', { missingFields, unknownColumns });
      const now = clock.now();
      const queued = await db.transaction().execute(async (trx) => {
        const updated = await repo.update(trx, row.id, ['uploaded', 'failed'], {
          status: 'queued',
          encoding,
          crs,
          column_mapping: JSON.stringify(body.mapping),
          processed: 0,
          total: detected.featureCount,
          report: null,
          cancel_requested: false,
          lease_until: null,
          started_at: null,
          finished_at: null,
        });
        if (!updated) throw new AppError('PLANNING_IMPORT_STATE');
        await repo.rememberMapping(trx, dataset.id, JSON.stringify(body.mapping), now);
        await audit.record(trx, actor, {
          action: 'planning_import.start',
          entityType: 'planning_import',
          entityId: row.id,
          after: { encoding, crs, mapping: body.mapping },
        });
        return updated;
      });
      jobs.fire(PLANNING_IMPORT_JOB);
      return presentPlanningImport(queued);
    },

    /**
     * Queued or validated: cancelled now (its staged rows, invisible, are deleted by the job). Running: the job stops
     * within one batch.
     */
    async cancel(actor: Actor, id: string): Promise<PlanningImport> {
      const { row } = await importFor(actor, id);
      const cancelled = await db.transaction().execute(async (trx) => {
        const updated = await repo.requestCancel(trx, row.id, clock.now());
        if (!updated) throw new AppError('PLANNING_IMPORT_STATE');
        await audit.record(trx, actor, {
          action: 'planning_import.cancel',
          entityType: 'planning_import',
          entityId: row.id,
          before: { status: row.status },
          after: { status: updated.status, cancelRequested: updated.cancel_requested },
        });
        return updated;
      });
      if (cancelled.status === 'cancelled') {
        await files.delete(cancelled.file_key);
        jobs.fire(PLANNING_IMPORT_JOB);
      }
      return presentPlanningImport(cancelled);
    },

    /**
     * One transaction: the import becomes the dataset's live one (lookups read the live import's rows only), with
     * its count and extent. The replaced import's rows are deleted afterwards by the job, in batches.
     */
    async publish(actor: Actor, id: string): Promise<PlanningImport> {
      const { row } = await importFor(actor, id);
      const now = clock.now();
      const published = await db.transaction().execute(async (trx) => {
        const dataset = await repo.lockDataset(trx, row.dataset_id);
        const current = await repo.find(trx, row.id);
        if (!dataset || !current || current.status !== 'validated')
          throw new AppError('PLANNING_IMPORT_STATE');
        const report = presentPlanningImport(current).report;
        if (!report || report.errors > 0) throw new AppError('PLANNING_IMPORT_HAS_ERRORS');
        const updated = await repo.update(trx, row.id, ['validated'], {
          status: 'published',
          published_at: now,
        });
        if (!updated) throw new AppError('PLANNING_IMPORT_STATE');
        const [west, south, east, north] = report.extent ?? [null, null, null, null];
        await repo.switchLive(trx, dataset.id, {
          live_import_id: row.id,
          feature_count: report.accepted,
          extent_west: west,
          extent_south: south,
          extent_east: east,
          extent_north: north,
          published_at: now,
          updated_at: now,
        });
        await audit.record(trx, actor, {
          action: 'planning_import.publish',
          entityType: 'planning_import',
          entityId: row.id,
          before: { liveImportId: dataset.live_import_id },
          after: { liveImportId: row.id, featureCount: report.accepted },
        });
        return updated;
      });
      deps.changed();
      jobs.fire(PLANNING_IMPORT_JOB);
      return presentPlanningImport(published);
    },

    /**
     * The job's work: first delete rows nobody will look at again (replaced, failed, cancelled imports), then run
     * queued imports one after the other until none is left. Safe to run concurrently and twice.
     */
    async runPending(): Promise<number> {
      const replacedBefore = new Date(clock.now().getTime() - REPLACED_ROWS_GRACE_MS);
      for (const importId of await repo.importsWithDeadRows(db, 100, replacedBefore)) {
        await deleteAllRows(importId);
        const row = await repo.find(db, importId);
        if (row && row.status === 'published') await files.delete(row.file_key);
      }
      let ran = 0;
      while (true) {
        const now = clock.now();
        const claimed = await repo.claim(db, now, new Date(now.getTime() + LEASE_MS));
        if (!claimed) return ran;
        ran += 1;
        await withTempDir(async (dir) => {
          const file = await download(claimed, dir).catch(() => null);
          const outcome = await runImport({
            db,
            clock,
            row: claimed,
            token: now,
            file,
            dir,
            leaseMs: LEASE_MS,
            towgs84: planning.vn2000ToWgs84,
            inProvince: await inProvince(),
            maxExtractBytes: planning.maxUploadBytes * 20,
          });
          // A cancelled upload is not kept; a failed one is, to start again with other choices.
          if (outcome === 'cancelled') await files.delete(claimed.file_key);
        });
      }
    },
  };
}

/** How long a worker holds a running import without news (extended after every batch). */
export const LEASE_MS = 2 * 60 * 1000;

export type PlanningImportService = ReturnType<typeof createPlanningImportService>;
