/**
 * The domain's enums and limits, defined once. The zod schemas of this package build on them
 * (`z.enum(REPORT_STATUSES)`), the server imports them from `@dltt/contracts`, and the apps from
 * `@dltt/contracts/constants`: this file imports nothing at all, so an app that uses it ships no zod
 * (constants.test.ts holds that). The apps' label keys (`reportStatus.<status>`, `roles.<role>`...) are these
 * values; their typed i18n resources make tsc fail when a value has no label.
 *
 * Types stay beside their schemas (`ReportStatus` is `z.infer<typeof ReportStatus>` in reports.ts), so the
 * package index exports one `ReportStatus`; the local aliases below only type the groups.
 */

// --- Staff and access ---------------------------------------------------------------------------------------

export const ROLES = [
  'admin',
  'dispatcher',
  'agency_manager',
  'agency_officer',
  'counter_officer',
  'planning_officer',
] as const;
type Role = (typeof ROLES)[number];

/** Roles whose users work for one agency and see only that agency's data. */
export const AGENCY_SCOPED_ROLES: readonly Role[] = [
  'agency_manager',
  'agency_officer',
  'counter_officer',
  'planning_officer',
];

export const PERMISSIONS = [
  'console.access',
  'staff.manage',
  'agencies.manage',
  'categories.manage',
  'audit.read',
  'reference.read',
  'routing.manage',
  'calendar.manage',
  /** Handle reports: accept, start, resolve, reject, transfer, notes (own agency unless reports.all). */
  'reports.handle',
  /** See and handle every agency's reports. */
  'reports.all',
  /** Review resolutions and publish them. */
  'reports.publish',
  /** Assign reports to an officer of the agency. */
  'reports.assign',
  /** Maintain the response templates of every category. */
  'templates.manage',
  /** Issue and revoke API keys of Open311 clients. */
  'apiclients.manage',
  /** Configure service centres: sessions, closures, fields, counters. */
  'centres.manage',
  /** Work at a counter of a centre of one's agency: call, serve, check in. */
  'queue.serve',
  /** Queue statistics of the centres of one's agency (every centre for admins). */
  'queue.stats',
  /** Zalo notification delivery: channel, ZNS templates, OA token, delivery log and retries. */
  'zalo.manage',
  /** Planning datasets of one's agency (every agency's for admins): create, import, publish, delete. */
  'planning.manage',
  /** The land-use code dictionary (names, colours). */
  'landuse.manage',
] as const;

export const PASSWORD_MIN_LENGTH = 10;
/** Staff usernames: lower-case letters, digits and . _ - (after trimming and lower-casing). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
/** Codes of agencies, categories, centres and service fields (after trimming and lower-casing). */
export const CODE_PATTERN = /^[a-z0-9-]{2,64}$/;

// --- Reference data -----------------------------------------------------------------------------------------

export const AGENCY_KINDS = [
  'department',
  'commune_committee',
  'commune_police',
  'service_centre',
  'dispatcher',
  'other',
] as const;

/** Icon keys the apps know how to draw; a category names one of them. */
export const CATEGORY_ICONS = [
  'traffic',
  'security',
  'food',
  'land',
  'environment',
  'infrastructure',
  'health',
  'education',
  'other',
] as const;

/** 8 working hours make one working day (deadlines are kept in working hours). */
export const WORKING_HOURS_PER_DAY = 8;

export const COMMUNE_KINDS = ['xa', 'phuong'] as const;

/** Datatypes of the typed attributes of a category (Open311 GeoReport v2). */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
/** The datatypes that offer choices, so an attribute of them needs `values` (and others take none). */
export const LIST_ATTRIBUTE_DATATYPES: readonly (typeof ATTRIBUTE_DATATYPES)[number][] = [
  'singlevaluelist',
  'multivaluelist',
];

/** Where a day of the working calendar comes from: the holiday library, or an administrator. */
export const CALENDAR_DAY_SOURCES = ['library', 'admin'] as const;

/**
 * The first-run steps an administrator is shown on the console's home, in order. (Replacing the generated
 * password is not one: the console asks for it at the first sign-in and nothing else answers before.)
 */
export const SETUP_STEPS = ['routing', 'centres', 'calendar', 'zalo', 'staff'] as const;

// --- Audit --------------------------------------------------------------------------------------------------

/*
 * Every action and entity type the server writes to the audit log. The server's audit writer is typed with these
 * (the report workflow's `report.${action}` included, its actions being typed unions), and the console keeps a
 * `Record<AuditAction, ...>` of labels, so adding a new audit write without a label fails tsc.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.locked',
  'auth.password_changed',
  'staff.create',
  'staff.update',
  'staff.password_reset',
  'staff.bootstrap_admin',
  'agency.create',
  'agency.update',
  'category.create',
  'category.update',
  'category.attributes',
  'category.deadlines',
  'api_client.issue',
  'api_client.revoke',
  'commune_boundaries.import',
  'zalo.settings',
  'zalo.delivery_retry',
  'routing_rule.create',
  'routing_rule.delete',
  'calendar_day.set',
  'calendar_day.delete',
  'centre.create',
  'centre.update',
  'centre.closure_set',
  'centre.closure_delete',
  'response_template.create',
  'response_template.update',
  'response_template.delete',
  'report.accept',
  'report.start',
  'report.resolve',
  'report.reject',
  'report.publish',
  'report.return',
  'report.transfer',
  'report.assign',
  'report.note',
  'report.photo_add',
  'report.photo_delete',
  'planning_dataset.create',
  'planning_dataset.update',
  'planning_dataset.delete',
  'planning_import.upload',
  'planning_import.start',
  'planning_import.cancel',
  'planning_import.publish',
  'land_use_code.create',
  'land_use_code.update',
  'land_use_code.delete',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'staff_user',
  'agency',
  'category',
  'api_client',
  'commune_boundaries',
  'zalo_settings',
  'zalo_delivery',
  'routing_rule',
  'calendar_day',
  'centre',
  'response_template',
  'report',
  'planning_dataset',
  'planning_import',
  'land_use_code',
] as const;

// --- Field reports ------------------------------------------------------------------------------------------

export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'published',
  'rejected',
  'reopened',
] as const;
type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which the agency still owes an answer: the resolve deadline runs (and is shown). */
export const OPEN_REPORT_STATUSES: readonly ReportStatus[] = [
  'submitted',
  'accepted',
  'in_progress',
  'reopened',
];
/** Open statuses in which the report waits to be accepted: the accept deadline applies too. */
export const AWAITING_ACCEPTANCE_STATUSES: readonly ReportStatus[] = ['submitted', 'reopened'];

export const REPORT_PRIORITIES = ['urgent', 'normal', 'complex'] as const;

export const REJECTION_REASONS = [
  'duplicate',
  'out_of_scope',
  'invalid',
  'insufficient_information',
] as const;

/** What staff may do to a report (the server lists those the caller may do now). */
export const STAFF_REPORT_ACTIONS = [
  'accept',
  'start',
  'resolve',
  'reject',
  'publish',
  'return',
  'transfer',
  'assign',
  'note',
  'addPhoto',
] as const;

/** Why a staff member is notified about a report in the console. */
export const STAFF_NOTIFICATION_KINDS = ['overdue', 'escalated', 'assigned', 'returned', 'reopened'] as const;

/**
 * Kinds of the events the server writes to a report's history (the API carries `kind` as a plain string): the
 * apps have a name for each; a kind not listed is shown by the status it led to, or as its code.
 */
export const REPORT_EVENT_KINDS = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'answer',
  'rejected',
  'published',
  'returned',
  'transferred',
  'transfer_reason',
  'assigned',
  'note',
  'photo_added',
  'photo_deleted',
  'reopened',
  'rated',
  'overdue',
  'escalated',
] as const;

/** Photos the reporter took, and those the agency added with its result. */
export const REPORT_PHOTO_KINDS = ['before', 'after'] as const;
/** Who may read a report's event or note: everyone who may see the report, or staff only. */
export const REPORT_EVENT_VISIBILITIES = ['public', 'internal'] as const;
/** Where a report's location comes from: the device's position, or a point picked on the map. */
export const REPORT_LOCATION_SOURCES = ['gps', 'map'] as const;

/** Photos a citizen sends with a report. */
export const MAX_REPORT_PHOTOS = 5;
/** After-photos the agency may add to a report (the server answers TOO_MANY_PHOTOS beyond). */
export const MAX_AFTER_PHOTOS = 5;
/** The longest description, answer, note or reason of a report (and of a response template's body). */
export const REPORT_TEXT_MAX = 4000;
/** PA-<year>-<at least 6 digits>. */
export const REPORT_CODE_PATTERN = /^PA-\d{4}-\d{6,}$/;

/** The reporter may rate a published result, or say it is not fixed, for this many days. */
export const FEEDBACK_DAYS = 7;
/** "Có phải sự việc này?": open reports of the category within this distance and these days. */
export const NEARBY_RADIUS_M = 200;
export const NEARBY_DAYS = 30;

// --- Appointments and the queue -----------------------------------------------------------------------------

export const BOOKING_STATUSES = ['confirmed', 'cancelled', 'checked_in', 'no_show'] as const;
/**
 * The characters of booking codes: no I, O, 0 or 1, which are easily mistaken (the kiosk's keypad offers only
 * these).
 */
export const BOOKING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const BOOKING_CODE_LENGTH = 8;
/** A booking code as the API takes it (upper case, already cleaned). */
export const BOOKING_CODE_PATTERN = new RegExp(`^[A-Z0-9]{${BOOKING_CODE_LENGTH}}$`);

/** The longest description of what a service field covers: a few lines on a phone or at the kiosk. */
export const FIELD_PROCEDURES_MAX = 500;

export const TICKET_STATUSES = ['waiting', 'called', 'served', 'absent', 'transferred'] as const;
/** From a checked-in booking, taken at the kiosk, or taken from the phone ("Lấy số từ xa"). */
export const TICKET_KINDS = ['appointment', 'walk_in', 'remote'] as const;

// --- Zalo notifications -------------------------------------------------------------------------------------

/** How notifications go out through Zalo: not at all, ZNS template messages, or OA messages. */
export const ZALO_CHANNELS = ['off', 'zns', 'oa'] as const;
/** The kinds of notification that go out, each with its own ZNS template (report status, queue soon, called). */
export const ZALO_NOTIFICATION_KINDS = ['report_status', 'queue_soon', 'queue_called'] as const;
export const ZALO_DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
/** A ZNS template id as Zalo issues it (digits). */
export const ZNS_TEMPLATE_ID_PATTERN = /^[0-9]{1,20}$/;

// --- Planning lookup ----------------------------------------------------------------------------------------

/**
 * Kinds of planning dataset: land-use plans (quy hoạch sử dụng đất) of a district or the province, construction
 * plans (quy hoạch xây dựng chung / phân khu / chi tiết 1/500), and the cadastral layer (bản đồ địa chính), whose
 * features are parcels rather than zones.
 */
export const PLANNING_KINDS = [
  'land_use_district',
  'land_use_province',
  'construction_general',
  'construction_zoning',
  'construction_detailed',
  'cadastral',
] as const;

/** In force; replaced by a newer plan; a draft published for consultation (never in the default lookup). */
export const PLANNING_STATUSES = ['in_force', 'superseded', 'draft'] as const;

/**
 * An import's life: uploaded (files read, columns and a preview shown) → queued → running (background job,
 * staged rows invisible to lookups) → validated (report ready, nothing live yet) → published (the dataset's live
 * data switched to it in one transaction). failed and cancelled imports leave no staged rows behind.
 */
export const PLANNING_IMPORT_STATUSES = [
  'uploaded',
  'queued',
  'running',
  'validated',
  'published',
  'failed',
  'cancelled',
] as const;

export const PLANNING_FILE_FORMATS = ['geojson', 'shapefile'] as const;

/**
 * Text encodings a .dbf may be read with when its .cpg does not say: UTF-8, Windows-1258 and TCVN3 (ABC), all
 * decoded by iconv-lite. VNI is not offered: no maintained decoder exists (docs/DECISIONS.md).
 */
export const PLANNING_ENCODINGS = ['utf-8', 'windows-1258', 'tcvn3'] as const;

/**
 * Coordinate systems a file may be in: WGS84, VN-2000 TM-3 with the 108°30' central meridian (Đắk Lắk, EPSG:9218)
 * and VN-2000 UTM zones 48N / 49N (EPSG:3405 / 3406). Detected from the .prj when it names one of them.
 */
export const PLANNING_CRS = ['EPSG:4326', 'EPSG:9218', 'EPSG:3405', 'EPSG:3406'] as const;

/** What an import's validation report can say about a feature or the file. */
export const PLANNING_ISSUE_KINDS = [
  'invalid_geometry',
  'repaired_geometry',
  'not_polygon',
  'unknown_code',
  'missing_code',
  'missing_parcel_key',
  'outside_province',
  'bad_number',
  'unreadable_file',
] as const;
type PlanningIssueKind = (typeof PLANNING_ISSUE_KINDS)[number];

/**
 * Issues that do not stop publishing: a repaired geometry, an unknown land-use code, a feature outside the province,
 * a number that does not read (left empty). Every other kind is an error: an import with one cannot go live. The
 * server counts with this list and the console labels with it.
 */
export const PLANNING_WARNING_ISSUE_KINDS: readonly PlanningIssueKind[] = [
  'repaired_geometry',
  'unknown_code',
  'outside_province',
  'bad_number',
];

/** Our fields a zone's source columns map to (the land-use code is required). */
export const PLANNING_ZONE_FIELDS = [
  'code',
  'name',
  'function',
  'areaM2',
  'densityPct',
  'maxFloors',
  'maxHeightM',
  'setback',
  'note',
] as const;

/** Our fields a parcel's source columns map to (commune, sheet and parcel number are required). */
export const PLANNING_PARCEL_FIELDS = [
  'communeCode',
  'sheet',
  'parcelNo',
  'areaM2',
  'landType',
  'address',
] as const;

/** The fields an import cannot start without a column for (the server refuses, the console marks them). */
export const PLANNING_REQUIRED_FIELDS: {
  zone: readonly (typeof PLANNING_ZONE_FIELDS)[number][];
  parcel: readonly (typeof PLANNING_PARCEL_FIELDS)[number][];
} = { zone: ['code'], parcel: ['communeCode', 'sheet', 'parcelNo'] };

/** Groups of the land-use code dictionary (nhóm đất nông nghiệp / phi nông nghiệp / chưa sử dụng). */
export const LAND_USE_GROUPS = ['agricultural', 'non_agricultural', 'unused'] as const;

/** The colour a zone is drawn with when its code is not in the dictionary. */
export const LAND_USE_UNKNOWN_COLOR = '#9e9e9e';

/** A land-use code: two to four capital letters (TT 08/2024/TT-BTNMT; TT 27/2018 codes too). */
export const LAND_USE_CODE_PATTERN = /^[A-Z]{2,4}$/;

/**
 * A map sheet or parcel number as kept and looked up: trimmed, capitals, and a number without leading zeros
 * ("05" and "5" are one sheet), so what a file wrote and what a citizen types meet.
 */
export function normalizeParcelKeyPart(value: string): string {
  const s = value.trim().toUpperCase();
  return /^\d+$/.test(s) ? String(Number.parseInt(s, 10)) : s;
}

/** Lowest map zoom at which the planning overlay's zones are sent (below it the app asks to zoom in). */
export const PLANNING_MIN_OVERLAY_ZOOM = 12;
/** Lowest map zoom at which cadastral parcels are sent. */
export const PLANNING_MIN_PARCEL_ZOOM = 17;
