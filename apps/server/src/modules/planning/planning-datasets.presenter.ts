import type {
  PlanningDataset,
  PlanningDatasetSummary,
  PlanningDecision,
  PublicPlanningDataset,
} from '@dltt/contracts';
import type { PlanningDatasetListRow, PlanningDatasetRow } from './planning-datasets.repository.ts';

/** The approving decision, or null while the dataset has no decision number. */
function decisionOf(r: PlanningDatasetRow): PlanningDecision | null {
  if (!r.decision_number) return null;
  return {
    number: r.decision_number,
    date: r.decision_date ?? '',
    authority: r.decision_authority ?? '',
    url: r.decision_url,
  };
}

function extentOf(r: PlanningDatasetRow): [number, number, number, number] | null {
  const { extent_west: w, extent_south: s, extent_east: e, extent_north: n } = r;
  return w === null || s === null || e === null || n === null ? null : [w, s, e, n];
}

export function presentPublicDataset(r: PlanningDatasetRow): PublicPlanningDataset {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    decision: decisionOf(r),
    scale: r.scale,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    communeCodes: r.commune_codes,
    extent: extentOf(r),
    featureCount: r.feature_count,
    publishedAt: r.published_at?.toISOString() ?? null,
    sample: r.is_sample,
  };
}

export function presentDatasetSummary(r: PlanningDatasetRow): PlanningDatasetSummary {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    decision: decisionOf(r),
    scale: r.scale,
    sample: r.is_sample,
  };
}

export function presentDataset(r: PlanningDatasetListRow): PlanningDataset {
  return {
    ...presentPublicDataset(r),
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    mapping: { zone: r.column_mapping.zone ?? {}, parcel: r.column_mapping.parcel ?? {} },
    liveImportId: r.live_import_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
