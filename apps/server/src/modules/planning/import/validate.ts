// One source record → the row we stage, or the issues that stop it: geometry checked (Polygon/MultiPolygon,
// valid per OGC with jsts, else repaired with polyclip-ts), reprojected, rounded; attributes read through the
// column mapping. The report accumulates counts and the first issues.
import {
  normalizeParcelKeyPart,
  PLANNING_WARNING_ISSUE_KINDS,
  type PlanningColumnMapping,
  type PlanningImportIssue,
  type PlanningImportReport,
} from '@dltt/contracts';
import { area } from '@turf/area';
import type { MultiPolygon, Polygon } from 'geojson';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import * as polyclip from 'polyclip-ts';
import type { PolygonalGeometryJson } from '../../../db/types.ts';
import { type Bbox, bboxOf, roundPosition } from '../geometry.ts';
import type { Reproject } from './crs.ts';
import type { InProvince } from './province.ts';
import type { Cell, SourceRecord } from './readers.ts';

/** The report keeps the first issues in file order; the counts are complete. */
export const MAX_REPORTED_ISSUES = 500;

export interface ZoneValues {
  code: string;
  name: string | null;
  function: string | null;
  area_m2: number | null;
  density_pct: number | null;
  max_floors: number | null;
  max_height_m: number | null;
  setback: string | null;
  note: string | null;
}
export interface ParcelValues {
  commune_code: string;
  sheet: string;
  parcel_no: string;
  area_m2: number | null;
  land_type: string | null;
  address: string | null;
}
export interface StagedFeature<V> {
  sourceIndex: number;
  values: V;
  geometry: PolygonalGeometryJson;
  bbox: Bbox;
}

/** Counts and issues of one import, as it goes. */
export class ReportBuilder {
  total = 0;
  accepted = 0;
  repaired = 0;
  errors = 0;
  warnings = 0;
  outsideProvince = 0;
  readonly unknownCodes = new Map<string, number>();
  readonly issues: PlanningImportIssue[] = [];
  extent: Bbox | null = null;

  /** An issue; whether it stops the import is the contracts' rule (PLANNING_WARNING_ISSUE_KINDS). */
  add(kind: PlanningImportIssue['kind'], feature: number | null, detail: string | null) {
    if (PLANNING_WARNING_ISSUE_KINDS.includes(kind)) this.warnings += 1;
    else this.errors += 1;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push({ kind, feature, detail });
  }

  widen([west, south, east, north]: Bbox) {
    const e = this.extent;
    this.extent = e
      ? [Math.min(e[0], west), Math.min(e[1], south), Math.max(e[2], east), Math.max(e[3], north)]
      : [west, south, east, north];
  }

  build(): PlanningImportReport {
    return {
      total: this.total,
      accepted: this.accepted,
      repaired: this.repaired,
      errors: this.errors,
      warnings: this.warnings,
      unknownCodes: [...this.unknownCodes]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      outsideProvince: this.outsideProvince,
      issues: this.issues,
      extent: this.extent,
    };
  }
}

const reader = new GeoJSONReader(new GeometryFactory());

/** OGC validity (jsts IsValidOp): rings closed, no self-intersection, holes inside their shell… */
function validityError(geometry: PolygonalGeometryJson): string | null {
  try {
    const op = new IsValidOp(reader.read(geometry));
    return op.isValid() ? null : String(op.getValidationError()?.getMessage() ?? 'invalid');
  } catch (error) {
    return (error as Error).message || 'unreadable geometry';
  }
}

/**
 * A valid version of an invalid polygon: polyclip-ts's union of the polygon with itself rebuilds its rings from
 * the edges' arrangement (a bow-tie becomes its two triangles, a hole outside its shell its own polygon). Null
 * when nothing valid with an area is left.
 */
function repair(geometry: PolygonalGeometryJson): PolygonalGeometryJson | null {
  try {
    const input = geometry.type === 'Polygon' ? [geometry.coordinates as number[][][]] : geometry.coordinates;
    const result = polyclip.union(input as polyclip.Geom) as number[][][][];
    if (result.length === 0) return null;
    const rounded = result.map((polygon) => polygon.map((ring) => ring.map(roundPosition)));
    const fixed: PolygonalGeometryJson =
      rounded.length === 1
        ? { type: 'Polygon', coordinates: rounded[0] as number[][][] }
        : { type: 'MultiPolygon', coordinates: rounded };
    return validityError(fixed) === null && area(fixed as Polygon | MultiPolygon) > 0 ? fixed : null;
  } catch {
    return null;
  }
}

/** Rings of a Polygon / MultiPolygon reprojected and rounded; null when a position is not two finite numbers. */
function reprojectGeometry(
  geometry: { type: string; coordinates?: unknown },
  reproject: Reproject,
): PolygonalGeometryJson | null {
  const ring = (positions: unknown): number[][] | null => {
    if (!Array.isArray(positions)) return null;
    const out: number[][] = [];
    for (const position of positions) {
      if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number')
        return null;
      const [lon, lat] = reproject(position);
      // Metres read as degrees (a projected file taken for WGS84) land here too.
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90)
        return null;
      out.push(roundPosition([lon, lat]));
    }
    return out;
  };
  const polygon = (rings: unknown): number[][][] | null => {
    if (!Array.isArray(rings) || rings.length === 0) return null;
    const out: number[][][] = [];
    for (const r of rings) {
      const converted = ring(r);
      if (!converted) return null;
      out.push(converted);
    }
    return out;
  };
  if (geometry.type === 'Polygon') {
    const coordinates = polygon(geometry.coordinates);
    return coordinates ? { type: 'Polygon', coordinates } : null;
  }
  if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) return null;
  const coordinates: number[][][][] = [];
  for (const p of geometry.coordinates) {
    const converted = polygon(p);
    if (!converted) return null;
    coordinates.push(converted);
  }
  return { type: 'MultiPolygon', coordinates };
}

export interface ValidateContext {
  reproject: Reproject;
  inProvince: InProvince;
  knownCodes: ReadonlySet<string>;
  report: ReportBuilder;
}

/** The geometry part, shared by zones and parcels: null (with an error reported) when it cannot be staged. */
function checkGeometry(record: SourceRecord, context: ValidateContext) {
  const { report } = context;
  const source = record.geometry;
  if (!source || (source.type !== 'Polygon' && source.type !== 'MultiPolygon')) {
    report.add('not_polygon', record.index, source?.type ?? 'null');
    return null;
  }
  let geometry = reprojectGeometry(source, context.reproject);
  if (!geometry) {
    report.add('invalid_geometry', record.index, 'coordinates are not numbers');
    return null;
  }
  const problem = validityError(geometry);
  if (problem !== null) {
    const fixed = repair(geometry);
    if (!fixed) {
      report.add('invalid_geometry', record.index, problem);
      return null;
    }
    geometry = fixed;
    report.repaired += 1;
    report.add('repaired_geometry', record.index, problem);
  }
  const bbox = bboxOf(geometry);
  if (!context.inProvince((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)) {
    report.outsideProvince += 1;
    report.add('outside_province', record.index, null);
  }
  return { geometry, bbox };
}

const text = (value: Cell | undefined): string | null => {
  if (value === null || value === undefined) return null;
  // NUL bytes (padding some .dbf writers leave) are not text, and PostgreSQL refuses them.
  const s = String(value).replaceAll('\u0000', '').trim();
  return s.length > 0 ? s : null;
};

/** A number as files write them: 12.5, "12.5", "12,5"; empty is null, anything else a `bad_number`. */
function number(
  value: Cell | undefined,
  field: string,
  record: SourceRecord,
  report: ReportBuilder,
  integer = false,
): number | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
  if (!Number.isFinite(n) || (integer && (!Number.isInteger(n) || Math.abs(n) > 2_147_483_647))) {
    report.add('bad_number', record.index, `${field}: ${String(value).slice(0, 50)}`);
    return null;
  }
  return n;
}

/** A key part (commune, sheet, parcel number): numbers written as integers, commune codes on five digits. */
const keyText = (value: Cell | undefined, pad = 0): string | null => {
  const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : text(value);
  return s && pad > 0 && /^\d+$/.test(s) ? s.padStart(pad, '0') : s;
};

export function validateZone(
  record: SourceRecord,
  mapping: PlanningColumnMapping['zone'],
  context: ValidateContext,
): StagedFeature<ZoneValues> | null {
  const { report } = context;
  const get = (field: keyof typeof mapping) => {
    const column = mapping[field];
    return column === undefined ? undefined : record.properties[column];
  };
  const checked = checkGeometry(record, context);
  const code = text(get('code'))?.toUpperCase() ?? null;
  if (!code) report.add('missing_code', record.index, null);
  else if (!context.knownCodes.has(code)) {
    report.unknownCodes.set(code, (report.unknownCodes.get(code) ?? 0) + 1);
    report.add('unknown_code', record.index, code);
  }
  const values = {
    name: text(get('name')),
    function: text(get('function')),
    area_m2: number(get('areaM2'), 'areaM2', record, report),
    density_pct: number(get('densityPct'), 'densityPct', record, report),
    max_floors: number(get('maxFloors'), 'maxFloors', record, report, true),
    max_height_m: number(get('maxHeightM'), 'maxHeightM', record, report),
    setback: text(get('setback')),
    note: text(get('note')),
  };
  if (!checked || !code) return null;
  values.area_m2 ??= Math.round(area(checked.geometry as Polygon | MultiPolygon) * 100) / 100;
  return { sourceIndex: record.index, values: { code, ...values }, ...checked };
}

export function validateParcel(
  record: SourceRecord,
  mapping: PlanningColumnMapping['parcel'],
  context: ValidateContext,
): StagedFeature<ParcelValues> | null {
  const { report } = context;
  const get = (field: keyof typeof mapping) => {
    const column = mapping[field];
    return column === undefined ? undefined : record.properties[column];
  };
  const checked = checkGeometry(record, context);
  const communeCode = keyText(get('communeCode'), 5);
  const sheetText = keyText(get('sheet'));
  const parcelText = keyText(get('parcelNo'));
  const sheet = sheetText === null ? null : normalizeParcelKeyPart(sheetText);
  const parcelNo = parcelText === null ? null : normalizeParcelKeyPart(parcelText);
  const missing = [
    communeCode ? null : 'communeCode',
    sheet ? null : 'sheet',
    parcelNo ? null : 'parcelNo',
  ].filter(Boolean);
  if (missing.length > 0) report.add('missing_parcel_key', record.index, missing.join(', '));
  const areaM2 = number(get('areaM2'), 'areaM2', record, report);
  const landType = text(get('landType'))?.toUpperCase() ?? null;
  const address = text(get('address'));
  if (!checked || !communeCode || !sheet || !parcelNo) return null;
  return {
    sourceIndex: record.index,
    values: {
      commune_code: communeCode,
      sheet,
      parcel_no: parcelNo,
      area_m2: areaM2 ?? Math.round(area(checked.geometry as Polygon | MultiPolygon) * 100) / 100,
      land_type: landType,
      address,
    },
    ...checked,
  };
}
