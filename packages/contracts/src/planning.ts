import { z } from 'zod';
import { PageQuery, Text } from './common.ts';
import {
  LAND_USE_CODE_PATTERN,
  LAND_USE_GROUPS,
  normalizeParcelKeyPart,
  PLANNING_CRS,
  PLANNING_ENCODINGS,
  PLANNING_FILE_FORMATS,
  PLANNING_IMPORT_STATUSES,
  PLANNING_ISSUE_KINDS,
  PLANNING_KINDS,
  PLANNING_PARCEL_FIELDS,
  PLANNING_STATUSES,
  PLANNING_ZONE_FIELDS,
} from './constants.ts';

export const PlanningKind = z.enum(PLANNING_KINDS);
export type PlanningKind = z.infer<typeof PlanningKind>;
export const PlanningStatus = z.enum(PLANNING_STATUSES);
export type PlanningStatus = z.infer<typeof PlanningStatus>;
export const PlanningImportStatus = z.enum(PLANNING_IMPORT_STATUSES);
export type PlanningImportStatus = z.infer<typeof PlanningImportStatus>;
export const PlanningEncoding = z.enum(PLANNING_ENCODINGS);
export type PlanningEncoding = z.infer<typeof PlanningEncoding>;
export const PlanningCrs = z.enum(PLANNING_CRS);
export type PlanningCrs = z.infer<typeof PlanningCrs>;

// --- Land-use codes -----------------------------------------------------------------------------------------

export const LandUseCode = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  group: z.enum(LAND_USE_GROUPS),
  /** Map colour, `#rrggbb`. */
  color: z.string(),
  /** Only in the older TT 27/2018 (still found in files); not in TT 08/2024. */
  legacy: z.boolean(),
});
export type LandUseCode = z.infer<typeof LandUseCode>;

const Color = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/);
export const CreateLandUseCodeBody = z.object({
  code: z.string().trim().toUpperCase().regex(LAND_USE_CODE_PATTERN),
  nameVi: Text(200),
  nameEn: Text(200),
  group: z.enum(LAND_USE_GROUPS),
  color: Color,
  legacy: z.boolean().default(false),
});
export type CreateLandUseCodeBody = z.infer<typeof CreateLandUseCodeBody>;
export const UpdateLandUseCodeBody = CreateLandUseCodeBody.omit({ code: true }).partial();
export type UpdateLandUseCodeBody = z.infer<typeof UpdateLandUseCodeBody>;
export const LandUseCodeParams = z.object({ code: z.string().regex(LAND_USE_CODE_PATTERN) });

// --- Datasets -----------------------------------------------------------------------------------------------

/** The approving decision (quyết định phê duyệt): the legal source of a plan. */
export const PlanningDecision = z.object({
  number: z.string(),
  /** `YYYY-MM-DD`. */
  date: z.string(),
  authority: z.string(),
  /** A link to the decision's text (PDF) when published. */
  url: z.string().nullable(),
});
export type PlanningDecision = z.infer<typeof PlanningDecision>;

/** What a citizen sees of a dataset (published datasets that are in force or drafts for consultation). */
export const PublicPlanningDataset = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: PlanningKind,
  status: PlanningStatus,
  decision: PlanningDecision.nullable(),
  /** e.g. `1/2000`. */
  scale: z.string().nullable(),
  periodStart: z.number().int().nullable(),
  periodEnd: z.number().int().nullable(),
  communeCodes: z.array(z.string()),
  /** [west, south, east, north] in WGS84 degrees of the live features. */
  extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  featureCount: z.number().int(),
  publishedAt: z.string().nullable(),
  /** Generated sample data shipped for a first start (never a real plan). */
  sample: z.boolean(),
});
export type PublicPlanningDataset = z.infer<typeof PublicPlanningDataset>;

export const PlanningColumnMapping = z.object({
  /** Our field → the source column it is read from. */
  zone: z.partialRecord(z.enum(PLANNING_ZONE_FIELDS), z.string().max(64)).default({}),
  parcel: z.partialRecord(z.enum(PLANNING_PARCEL_FIELDS), z.string().max(64)).default({}),
});
export type PlanningColumnMapping = z.infer<typeof PlanningColumnMapping>;

/** A dataset as its planning officers see it. */
export const PlanningDataset = PublicPlanningDataset.extend({
  agencyId: z.uuid(),
  agencyName: z.string(),
  /** The column mapping of the last import, offered again for the next one. */
  mapping: PlanningColumnMapping,
  liveImportId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanningDataset = z.infer<typeof PlanningDataset>;

const Year = z.number().int().min(1990).max(2100);
export const CreatePlanningDatasetBody = z.object({
  /** Admins choose; a planning officer's datasets belong to their agency. */
  agencyId: z.uuid().optional(),
  name: Text(200),
  kind: PlanningKind,
  status: PlanningStatus.default('in_force'),
  decisionNumber: Text(60).nullable().default(null),
  decisionDate: z.iso.date().nullable().default(null),
  decisionAuthority: Text(200).nullable().default(null),
  decisionUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
  scale: Text(20).nullable().default(null),
  periodStart: Year.nullable().default(null),
  periodEnd: Year.nullable().default(null),
  communeCodes: z
    .array(z.string().regex(/^\d{5}$/))
    .max(200)
    .default([]),
});
export type CreatePlanningDatasetBody = z.infer<typeof CreatePlanningDatasetBody>;
export const UpdatePlanningDatasetBody = CreatePlanningDatasetBody.omit({
  agencyId: true,
  kind: true,
}).partial();
export type UpdatePlanningDatasetBody = z.infer<typeof UpdatePlanningDatasetBody>;

export const PlanningDatasetListQuery = PageQuery.extend({
  status: PlanningStatus.optional(),
  q: z.string().trim().max(100).optional(),
});

// --- Imports ------------------------------------------------------------------------------------------------

/** What the server found in the uploaded file before anything is read in full. */
export const PlanningImportDetected = z.object({
  format: z.enum(PLANNING_FILE_FORMATS),
  /** Files found in a zipped Shapefile (`.shp`, `.shx`, `.dbf`, `.prj`, `.cpg`). */
  files: z.array(z.string()),
  /** The encoding the .cpg names, when it names one we read. */
  encodingFromCpg: PlanningEncoding.nullable(),
  /** The coordinate system the .prj (or a GeoJSON `crs`) names, when it is one we know. */
  crsFromFile: PlanningCrs.nullable(),
  /** The .prj's text when it names a system we do not know (shown so the officer can choose). */
  unknownPrj: z.string().nullable(),
  /** Source column names, in file order. */
  columns: z.array(z.string()),
  /** Features in the file when the format says it up front (the .shx), else null. */
  featureCount: z.number().int().nullable(),
});
export type PlanningImportDetected = z.infer<typeof PlanningImportDetected>;

export const PlanningImportIssue = z.object({
  kind: z.enum(PLANNING_ISSUE_KINDS),
  /** 1-based record number in the file, null for the file as a whole. */
  feature: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type PlanningImportIssue = z.infer<typeof PlanningImportIssue>;

/** The validation report: what will go live, what was repaired, and what stops the import. */
export const PlanningImportReport = z.object({
  total: z.number().int(),
  /** Features staged for publishing (repaired ones included). */
  accepted: z.number().int(),
  repaired: z.number().int(),
  /** Issues that stop the import (an import with any is failed; nothing of it can go live). */
  errors: z.number().int(),
  /** Issues that do not stop publishing (unknown codes, features outside the province, repairs). */
  warnings: z.number().int(),
  unknownCodes: z.array(z.object({ code: z.string(), count: z.number().int() })),
  outsideProvince: z.number().int(),
  /** The first issues, in file order (at most 500; the counts above are complete). */
  issues: z.array(PlanningImportIssue),
  /** [west, south, east, north] in WGS84 degrees of the accepted features; null when none was. */
  extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type PlanningImportReport = z.infer<typeof PlanningImportReport>;

export const PlanningImport = z.object({
  id: z.uuid(),
  datasetId: z.uuid(),
  status: PlanningImportStatus,
  fileName: z.string(),
  fileSize: z.number().int(),
  detected: PlanningImportDetected,
  encoding: PlanningEncoding.nullable(),
  crs: PlanningCrs.nullable(),
  mapping: PlanningColumnMapping,
  /** Features read so far by the job, and the total when known: the console's progress bar. */
  processed: z.number().int(),
  total: z.number().int().nullable(),
  report: PlanningImportReport.nullable(),
  cancelRequested: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type PlanningImport = z.infer<typeof PlanningImport>;

/** The first records decoded with an encoding, so a wrong choice shows before anything is imported. */
export const PlanningImportPreviewQuery = z.object({ encoding: PlanningEncoding.optional() });
export const PlanningImportPreview = z.object({
  encoding: PlanningEncoding,
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type PlanningImportPreview = z.infer<typeof PlanningImportPreview>;

export const StartPlanningImportBody = z.object({
  /** Required for a Shapefile whose .cpg does not name a known encoding. */
  encoding: PlanningEncoding.optional(),
  /** Required when the file does not name a known coordinate system. */
  crs: PlanningCrs.optional(),
  mapping: PlanningColumnMapping,
});
export type StartPlanningImportBody = z.infer<typeof StartPlanningImportBody>;

export const PlanningImportParams = z.object({ id: z.uuid() });

// --- Public lookup ------------------------------------------------------------------------------------------

/** A planned zone: what the plan says about a place. */
export const PlanningZone = z.object({
  id: z.string(),
  code: z.string(),
  /** The dictionary's name of the code (the file's own name when the code is unknown). */
  codeName: z.string().nullable(),
  color: z.string(),
  /** The zone's own name or label in the plan (e.g. "Ô phố A-12"). */
  name: z.string().nullable(),
  function: z.string().nullable(),
  areaM2: z.number().nullable(),
  densityPct: z.number().nullable(),
  maxFloors: z.number().int().nullable(),
  maxHeightM: z.number().nullable(),
  setback: z.string().nullable(),
  note: z.string().nullable(),
});
export type PlanningZone = z.infer<typeof PlanningZone>;

export const PlanningParcel = z.object({
  id: z.string(),
  communeCode: z.string(),
  communeName: z.string().nullable(),
  sheet: z.string(),
  parcelNo: z.string(),
  areaM2: z.number().nullable(),
  landType: z.string().nullable(),
  address: z.string().nullable(),
  /** The parcel's outline (GeoJSON Polygon or MultiPolygon, WGS84), to draw and to zoom to. */
  geometry: z.unknown(),
});
export type PlanningParcel = z.infer<typeof PlanningParcel>;

export const PlanningDatasetSummary = PublicPlanningDataset.pick({
  id: true,
  name: true,
  kind: true,
  status: true,
  decision: true,
  scale: true,
  sample: true,
});
export type PlanningDatasetSummary = z.infer<typeof PlanningDatasetSummary>;

export const PlanningPointQuery = z.object({
  // An empty value is missing, not 0 (z.coerce.number() would read "" as 0, a point off Africa).
  lat: z.string().trim().min(1).pipe(z.coerce.number<string>().min(-90).max(90)),
  lon: z.string().trim().min(1).pipe(z.coerce.number<string>().min(-180).max(180)),
  /** Also look in this dataset when it is a published draft (the layer the citizen is looking at). */
  datasetId: z.uuid().optional(),
});
/**
 * Every in-force dataset's zones containing the point, newest decision first (a point on a border between two
 * zones of one plan is in both), and the parcel when a cadastral layer covers it.
 */
export const PlanningPointResult = z.object({
  lat: z.number(),
  lon: z.number(),
  results: z.array(z.object({ dataset: PlanningDatasetSummary, zones: z.array(PlanningZone) })),
  parcel: PlanningParcel.nullable(),
});
export type PlanningPointResult = z.infer<typeof PlanningPointResult>;

export const PlanningParcelQuery = z.object({
  communeCode: z.string().regex(/^\d{5}$/),
  sheet: z.string().trim().min(1).max(20).transform(normalizeParcelKeyPart),
  parcelNo: z.string().trim().min(1).max(20).transform(normalizeParcelKeyPart),
});
/** A parcel and, for each in-force plan, the zones it lies in with the area of the parcel inside each. */
export const PlanningParcelResult = z.object({
  parcel: PlanningParcel,
  results: z.array(
    z.object({
      dataset: PlanningDatasetSummary,
      zones: z.array(PlanningZone.extend({ areaInsideM2: z.number() })),
    }),
  ),
});
export type PlanningParcelResult = z.infer<typeof PlanningParcelResult>;

/** A viewport: west,south,east,north in WGS84 degrees, and the map's zoom. */
export const PlanningViewportQuery = z.object({
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/)
    .transform((v) => v.split(',').map(Number) as [number, number, number, number]),
  zoom: z.coerce.number().int().min(0).max(22),
});
export const PlanningDatasetParams = z.object({ id: z.uuid() });
/**
 * The map data of a viewport: zones (or parcels) whose box meets it, simplified for the zoom, as GeoJSON. Below
 * the overlay's minimum zoom `features` is empty and `zoomIn` is true.
 */
export const PlanningViewport = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({ code: z.string(), color: z.string() }),
      geometry: z.unknown(),
    }),
  ),
  /** More features met the viewport than one answer carries (the smallest were left out). */
  truncated: z.boolean(),
  zoomIn: z.boolean(),
});
export type PlanningViewport = z.infer<typeof PlanningViewport>;
