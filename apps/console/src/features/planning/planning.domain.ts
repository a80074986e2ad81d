import type {
  PlanningColumnMapping,
  PlanningCrs,
  PlanningImport,
  PlanningImportIssue,
  PlanningImportStatus,
  PlanningKind,
} from '@dltt/contracts';
import {
  PLANNING_PARCEL_FIELDS,
  PLANNING_REQUIRED_FIELDS,
  PLANNING_WARNING_ISSUE_KINDS,
  PLANNING_ZONE_FIELDS,
} from '../../app/domain.ts';

export type ZoneField = (typeof PLANNING_ZONE_FIELDS)[number];
export type ParcelField = (typeof PLANNING_PARCEL_FIELDS)[number];
export type MappingLayer = 'zone' | 'parcel';

/** A cadastral dataset holds parcels; every other kind holds planned zones. */
export function layerOf(kind: PlanningKind): MappingLayer {
  return kind === 'cadastral' ? 'parcel' : 'zone';
}

export function fieldsOf(layer: MappingLayer): readonly (ZoneField | ParcelField)[] {
  return layer === 'parcel' ? PLANNING_PARCEL_FIELDS : PLANNING_ZONE_FIELDS;
}

const REQUIRED: Record<MappingLayer, readonly string[]> = PLANNING_REQUIRED_FIELDS;

/** The fields an import cannot go without (the server refuses PLANNING_MAPPING_INVALID otherwise). */
export function isRequiredField(layer: MappingLayer, field: string): boolean {
  return REQUIRED[layer].includes(field);
}

/**
 * Column names found in the province's files for each of our fields, in order of preference, written without
 * separators or case (MA_DAT, MaDat and madat are one name).
 */
const COMMON_NAMES: Record<MappingLayer, Record<string, readonly string[]>> = {
  zone: {
    code: ['MDSD', 'MADAT', 'KYHIEU', 'MALOAIDAT', 'MASDD', 'LOAIDAT', 'KHLOAIDAT', 'CODE', 'LANDUSE'],
    name: ['TEN', 'TENKHU', 'TENO', 'TENLO', 'TENOPHO', 'NAME', 'LABEL'],
    function: ['CHUCNANG', 'CHUCNANGSD', 'TENLOAIDAT', 'FUNCTION'],
    areaM2: ['DIENTICH', 'DT', 'DTICH', 'AREA', 'SHAPEAREA'],
    densityPct: ['MATDO', 'MATDOXD', 'MDXD', 'DENSITY'],
    maxFloors: ['TANGCAO', 'SOTANG', 'TANGCAOMAX', 'TANG', 'FLOORS'],
    maxHeightM: ['CHIEUCAO', 'CAOTOIDA', 'CHIEUCAOMAX', 'HEIGHT'],
    setback: ['KHOANGLUI', 'CHIGIOI', 'SETBACK'],
    note: ['GHICHU', 'NOTE'],
  },
  parcel: {
    communeCode: ['MAXA', 'MADVHC', 'MAXAPHUONG', 'COMMUNE', 'COMMUNECODE'],
    sheet: ['SOTO', 'SOHIEUTOBANDO', 'SHBANDO', 'TOBANDO', 'TOBD', 'SOTOBD', 'SHEET'],
    parcelNo: ['SOTHUA', 'SHTHUA', 'SOHIEUTHUA', 'THUA', 'PARCEL', 'PARCELNO'],
    areaM2: ['DIENTICH', 'DT', 'DTICH', 'AREA', 'SHAPEAREA'],
    landType: ['LOAIDAT', 'MDSD', 'KYHIEU', 'MADAT', 'LANDTYPE'],
    address: ['DIACHI', 'ADDRESS'],
  },
};

/** "Ma_Dat" → "MADAT"; "Diện tích" → "DIENTICH" (diacritics and đ folded). */
function normalized(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * The mapping offered for a file's columns: the dataset's remembered choice for a field when the file has that
 * column, else the first column whose name is a common name of the field, else none.
 */
export function guessMapping(
  layer: MappingLayer,
  columns: readonly string[],
  remembered: PlanningColumnMapping,
): Record<string, string> {
  const byName = new Map(columns.map((c) => [normalized(c), c] as const));
  const saved: Partial<Record<string, string>> = remembered[layer];
  const result: Record<string, string> = {};
  for (const field of fieldsOf(layer)) {
    const kept = saved[field];
    if (kept && columns.includes(kept)) {
      result[field] = kept;
      continue;
    }
    const found = COMMON_NAMES[layer][field]?.map((n) => byName.get(n)).find((c) => c !== undefined);
    result[field] = found ?? '';
  }
  return result;
}

/** The fields left without a column among those an import needs. */
export function missingRequired(layer: MappingLayer, chosen: Record<string, string>): string[] {
  return REQUIRED[layer].filter((f) => !chosen[f]);
}

/** The body's mapping: only the fields given a column, under the dataset's layer. */
export function toMapping(layer: MappingLayer, chosen: Record<string, string>): PlanningColumnMapping {
  const picked = Object.fromEntries(Object.entries(chosen).filter(([, column]) => column !== ''));
  return layer === 'parcel' ? { zone: {}, parcel: picked } : { zone: picked, parcel: {} };
}

/** The job is working on it: the console polls until it is not. */
export function isInProgress(status: PlanningImportStatus): boolean {
  return status === 'queued' || status === 'running';
}

/**
 * The coordinate system offered first: the file's own, else WGS84 for GeoJSON (what RFC 7946 says a file without
 * `crs` is in) and VN-2000 TM-3 108°30' for a Shapefile (what the province's offices use).
 */
export function defaultCrs(item: PlanningImport): PlanningCrs {
  if (item.crs) return item.crs;
  if (item.detected.crsFromFile) return item.detected.crsFromFile;
  return item.detected.format === 'geojson' ? 'EPSG:4326' : 'EPSG:9218';
}

/** The wizard's five steps, in order; which one an import is at follows from its status. */
export const IMPORT_STEPS = ['file', 'settings', 'mapping', 'check', 'report'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

export function stepOfStatus(status: PlanningImportStatus): ImportStep {
  if (status === 'uploaded') return 'settings';
  if (isInProgress(status)) return 'check';
  return 'report';
}

/** Whether an issue leaves the import publishable (the server counts with the same list). */
export function isWarning(kind: PlanningImportIssue['kind']): boolean {
  return PLANNING_WARNING_ISSUE_KINDS.includes(kind);
}
