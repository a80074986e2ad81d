// One run of an import by the job: read the file in batches, validate and stage each batch, write progress and
// extend the lease after each, stop on a cancel; at the end save the report and leave the import validated (rows
// staged, invisible) or failed (rows deleted).
import type { PlanningColumnMapping } from '@dltt/contracts';
import type { Clock } from '../../../clock.ts';
import type { Executor } from '../../../db/executor.ts';
import { isDatabaseUnavailable } from '../../../db/unavailable.ts';
import { AppError } from '../../../errors.ts';
import { type PlanningImportRow, planningImportRepository as repo } from '../planning-imports.repository.ts';
import { reprojector } from './crs.ts';
import type { InProvince } from './province.ts';
import { readGeoJson, readShapefile, type SourceRecord, UnreadableFileError } from './readers.ts';
import {
  type ParcelValues,
  ReportBuilder,
  type StagedFeature,
  type ValidateContext,
  validateParcel,
  validateZone,
  type ZoneValues,
} from './validate.ts';
import { extractShapefile } from './zip.ts';

/** Records per batch: one multi-row INSERT, one progress write, one cancel check. */
export const IMPORT_BATCH = 1000;

export interface RunImportInput {
  db: Executor;
  clock: Clock;
  row: PlanningImportRow;
  /** The claim's token (the import's `started_at`). */
  token: Date;
  /** The upload on local disk, or null when storage no longer has it. */
  file: string | null;
  dir: string;
  leaseMs: number;
  towgs84: string;
  inProvince: InProvince;
  maxExtractBytes: number;
}

type Outcome = 'validated' | 'failed' | 'cancelled' | 'lost';

export async function runImport(input: RunImportInput): Promise<Outcome> {
  const { db, clock, row, token } = input;
  const deleteStaged = async () => {
    while ((await repo.deleteRows(db, row.id, 10_000)) > 0);
  };
  // A retaken run starts over: whatever an earlier worker staged goes first.
  await deleteStaged();
  const report = new ReportBuilder();
  const finish = async (status: 'validated' | 'failed' | 'cancelled'): Promise<Outcome> => {
    if (status !== 'validated') await deleteStaged();
    const done = await repo.finish(db, row.id, token, {
      status,
      report: JSON.stringify(report.build()),
      processed: report.total,
      total: report.total,
      finished_at: clock.now(),
    });
    // Not validated because a cancel came after the last batch: cancelled, then.
    if (!done && status === 'validated') return finish('cancelled');
    return done ? status : 'lost';
  };

  const dataset = await repo.findDataset(db, row.dataset_id);
  if (!dataset) return 'lost';
  if (row.cancel_requested) return finish('cancelled');
  const mapping = row.column_mapping as PlanningColumnMapping;
  const context: ValidateContext = {
    reproject: reprojector(row.crs ?? 'EPSG:4326', input.towgs84),
    inProvince: input.inProvince,
    knownCodes: await repo.knownCodes(db),
    report,
  };
  const cadastral = dataset.kind === 'cadastral';

  let batches: AsyncGenerator<SourceRecord[]>;
  let inFlight: Promise<{ state: { cancelRequested: boolean } | null } | { error: unknown }> | null = null;
  try {
    if (!input.file) throw new UnreadableFileError('the uploaded file is gone from storage');
    if (row.format === 'geojson') batches = readGeoJson(input.file, IMPORT_BATCH);
    else {
      const extracted = await extractShapefile(input.file, input.dir, input.maxExtractBytes);
      batches = readShapefile(extracted.parts, row.encoding ?? 'utf-8', IMPORT_BATCH);
    }
    // The database writes a batch while the next one is read and validated: on PostgreSQL (another process) the
    // two overlap; on PGlite (this thread) they simply alternate. One batch in flight at most.
    const settle = async (): Promise<'go' | 'lost' | 'cancelled'> => {
      if (!inFlight) return 'go';
      const result = await inFlight;
      inFlight = null;
      if ('error' in result) throw result.error;
      if (!result.state) return 'lost';
      return result.state.cancelRequested ? 'cancelled' : 'go';
    };
    for await (const batch of batches) {
      const zones: StagedFeature<ZoneValues>[] = [];
      const parcels: StagedFeature<ParcelValues>[] = [];
      for (const record of batch) {
        report.total += 1;
        const staged = cadastral
          ? validateParcel(record, mapping.parcel ?? {}, context)
          : validateZone(record, mapping.zone ?? {}, context);
        if (!staged) continue;
        report.accepted += 1;
        report.widen(staged.bbox);
        if (cadastral) parcels.push(staged as StagedFeature<ParcelValues>);
        else zones.push(staged as StagedFeature<ZoneValues>);
      }
      const next = await settle();
      if (next === 'lost') return 'lost';
      if (next === 'cancelled') return finish('cancelled');
      // Rows of a file that already has errors will never be published: stop staging, keep reading to report.
      const stage = report.errors === 0;
      const processed = report.total;
      // Progress first, in the transaction that stages the batch: the update locks the import's row and matches
      // only while this worker holds it, so a worker whose lease was retaken never lands a batch after the new
      // holder cleared the staged rows.
      inFlight = db
        .transaction()
        .execute(async (trx) => {
          const state = await repo.progress(trx, row.id, token, {
            processed,
            leaseUntil: new Date(clock.now().getTime() + input.leaseMs),
          });
          if (state && stage) {
            if (cadastral) await repo.insertParcels(trx, row.id, dataset.id, parcels);
            else await repo.insertZones(trx, row.id, dataset.id, zones);
          }
          return { state };
        })
        .catch((error: unknown) => ({ error }));
    }
    const last = await settle();
    if (last === 'lost') return 'lost';
    if (last === 'cancelled') return finish('cancelled');
  } catch (error) {
    const unreadable =
      error instanceof UnreadableFileError ||
      (error instanceof AppError && error.code === 'PLANNING_FILE_INVALID');
    // A batch still being written must land before the staged rows are deleted.
    await inFlight;
    // The database away: the run is retried when the lease runs out. Anything else (a value the database refuses,
    // a bug) fails the import with its reason rather than retrying the same file for ever.
    if (!unreadable && isDatabaseUnavailable(error)) throw error;
    const detail =
      error instanceof AppError
        ? ((error.details as { detail?: string } | undefined)?.detail ?? error.message)
        : error instanceof Error
          ? error.message
          : String(error);
    report.add('unreadable_file', null, detail.slice(0, 500));
    return finish('failed');
  }
  if (report.total === 0) report.add('unreadable_file', null, 'no features');
  return finish(report.errors > 0 ? 'failed' : 'validated');
}
