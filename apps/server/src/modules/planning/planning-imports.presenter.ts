import {
  PlanningColumnMapping,
  type PlanningImport,
  PlanningImportDetected,
  PlanningImportReport,
} from '@dltt/contracts';
import type { PlanningImportRow } from './planning-imports.repository.ts';

/** An import row → what its officers see (the storage key and the lease stay on the server). */
export function presentPlanningImport(row: PlanningImportRow): PlanningImport {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    status: row.status,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    detected: PlanningImportDetected.parse(row.detected),
    encoding: row.encoding,
    crs: row.crs,
    mapping: PlanningColumnMapping.parse(row.column_mapping ?? {}),
    processed: row.processed,
    total: row.total,
    report: row.report === null ? null : PlanningImportReport.parse(row.report),
    cancelRequested: row.cancel_requested,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}
