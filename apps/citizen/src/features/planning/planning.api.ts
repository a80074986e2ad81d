import type {
  Commune,
  LandUseCode,
  PlanningParcelResult,
  PlanningPointResult,
  PlanningViewport,
  PublicPlanningDataset,
} from '@dltt/contracts';
import { apiGet } from '../../app/api.ts';
import { useRequest } from '../../app/useRequest.ts';
import type { Bbox } from '../../components/map/tiles.ts';
import { bboxParam } from './viewport.ts';

/** Published plans a citizen can look at: in force first, then drafts for consultation. */
async function fetchDatasets(signal: AbortSignal): Promise<PublicPlanningDataset[]> {
  const datasets = await apiGet<PublicPlanningDataset[]>('/planning/datasets', { signal });
  const rank = (d: PublicPlanningDataset) => (d.status === 'in_force' ? 0 : 1);
  return [...datasets].sort((a, b) => rank(a) - rank(b));
}

export function useDatasets() {
  return useRequest(fetchDatasets);
}

let landUseCodes: Promise<LandUseCode[]> | null = null;

/** Asked once per page load (the legend may open and close often); after a failure the next opening asks again. */
function fetchLandUseCodes(): Promise<LandUseCode[]> {
  landUseCodes ??= apiGet<LandUseCode[]>('/land-use-codes').catch((error: unknown) => {
    landUseCodes = null;
    throw error;
  });
  return landUseCodes;
}

/** The land-use code dictionary (the names of the codes on the map), fetched when the legend first opens. */
export function useLandUseCodes() {
  return useRequest(fetchLandUseCodes);
}

async function fetchCommunes(signal: AbortSignal): Promise<Commune[]> {
  const communes = await apiGet<Commune[]>('/communes', { signal });
  return communes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Communes and wards of the province, by name (the same answer the report form reads). */
export function useCommunes() {
  return useRequest(fetchCommunes);
}

/** The zones of a dataset in `bbox` (already padded and snapped, see viewport.ts), simplified for `zoom`. */
export function fetchViewport(
  datasetId: string,
  bbox: Bbox,
  zoom: number,
  signal: AbortSignal,
): Promise<PlanningViewport> {
  const query = new URLSearchParams({ bbox: bboxParam(bbox), zoom: String(zoom) });
  return apiGet<PlanningViewport>(`/planning/datasets/${encodeURIComponent(datasetId)}/features?${query}`, {
    signal,
  });
}

/** What the plans say at a point; `datasetId` adds the layer on screen when it is a draft. */
export function lookupPoint(
  at: { lat: number; lng: number },
  datasetId: string | null,
  signal: AbortSignal,
): Promise<PlanningPointResult> {
  const query = new URLSearchParams({ lat: at.lat.toFixed(7), lon: at.lng.toFixed(7) });
  if (datasetId) query.set('datasetId', datasetId);
  return apiGet<PlanningPointResult>(`/planning/lookup?${query}`, { signal });
}

export interface ParcelKey {
  communeCode: string;
  sheet: string;
  parcelNo: string;
}

/** A parcel by commune, map sheet and parcel number (404 PLANNING_PARCEL_NOT_FOUND when there is none). */
export function findParcel(key: ParcelKey, signal: AbortSignal): Promise<PlanningParcelResult> {
  const query = new URLSearchParams({
    communeCode: key.communeCode,
    sheet: key.sheet.trim(),
    parcelNo: key.parcelNo.trim(),
  });
  return apiGet<PlanningParcelResult>(`/planning/parcels?${query}`, { signal });
}
