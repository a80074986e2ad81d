// Row types of our tables for Kysely; kept in step with migrations/ by hand, and held to the migrated schema by types.test.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface ProvincesTable {
  code: string;
  name: string;
  full_name: string;
}

export interface CommunesTable {
  code: string;
  province_code: string;
  name: string;
  full_name: string;
  kind: 'xa' | 'phuong';
  area_km2: number | null;
}

export interface AgenciesTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: 'department' | 'commune_committee' | 'commune_police' | 'service_centre' | 'dispatcher' | 'other';
  commune_code: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoriesTable {
  id: Generated<string>;
  code: string;
  name_vi: string;
  name_en: string;
  icon: string;
  default_deadline_hours: number;
  requires_after_photo: Generated<boolean>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffUsersTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  role: 'admin' | 'dispatcher' | 'agency_manager' | 'agency_officer' | 'counter_officer' | 'planning_officer';
  agency_id: string | null;
  password_hash: string;
  active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Timestamp;
  /** The password was chosen by someone else (generated, set or reset by an admin): the owner should change it. */
  must_change_password: Generated<boolean>;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffSessionsTable {
  id: Generated<string>;
  token_hash: Buffer;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface CitizensTable {
  id: Generated<string>;
  zalo_id: string | null;
  created_at: Timestamp;
  zalo_linked_at: Date | null;
  /** Verified by Zalo, national form 0xxxxxxxxx. */
  zalo_phone: string | null;
  zalo_phone_verified_at: Date | null;
  /** When the citizen turned Zalo notifications on; null = off. */
  zalo_notify_opt_in_at: Date | null;
  /** The citizen's id for the Official Account (OA messages go there), checked with Zalo before it is stored. */
  zalo_oa_user_id: string | null;
}

export interface CitizenTokensTable {
  token_hash: Buffer;
  citizen_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface CommuneBoundariesTable {
  commune_code: string;
  part: number;
  /** Postgres `box` / `polygon`, written as text literals and never read back as values. */
  bbox: string;
  shape: string;
}

export interface ReferenceImportsTable {
  name: string;
  sha256: string;
  loaded_at: Timestamp;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  category_id: string;
  commune_code: string | null;
  agency_id: string;
  created_at: Timestamp;
}

export interface ReportCountersTable {
  year: number;
  last: number;
}

export type ReportStatusValue =
  | 'submitted'
  | 'accepted'
  | 'in_progress'
  | 'resolved'
  | 'published'
  | 'rejected'
  | 'reopened';

export interface ReportsTable {
  id: Generated<string>;
  code: string;
  citizen_id: string;
  idempotency_key: string;
  request_hash: string;
  category_id: string;
  commune_code: string;
  agency_id: string;
  status: Generated<ReportStatusValue>;
  priority: Generated<'urgent' | 'normal' | 'complex'>;
  description: string;
  address_text: string | null;
  lat: number;
  lng: number;
  accuracy_m: number | null;
  location_source: 'gps' | 'map' | 'address';
  contact_phone: string | null;
  hide_identity: boolean;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  assigned_officer_id: string | null;
  public_answer: string | null;
  rejection_reason: 'duplicate' | 'out_of_scope' | 'invalid' | 'insufficient_information' | null;
  duplicate_of: string | null;
  accepted_at: Date | null;
  resolved_at: Date | null;
  published_at: Date | null;
  rating: number | null;
  rated_at: Date | null;
  reopen_count: Generated<number>;
  overdue_notified_at: Date | null;
  escalated_at: Date | null;
  source: Generated<'app' | 'open311'>;
  api_client_id: string | null;
  media_url: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  attributes: ColumnType<Record<string, string | string[]>, string | undefined, string>;
  open311_token: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportEventsTable {
  id: Generated<number>;
  report_id: string;
  at: Timestamp;
  actor_type: 'citizen' | 'staff' | 'system';
  actor_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  visibility: 'public' | 'internal';
}

export interface ReportPhotosTable {
  id: Generated<string>;
  citizen_id: string | null;
  report_id: string | null;
  kind: Generated<'before' | 'after'>;
  position: Generated<number>;
  file_key: string;
  thumb_key: string;
  width: number;
  height: number;
  bytes: number;
  exif_lat: number | null;
  exif_lng: number | null;
  hidden: Generated<boolean>;
  staff_user_id: string | null;
  created_at: Timestamp;
}

export interface ResponseTemplatesTable {
  id: Generated<string>;
  category_id: string | null;
  title: string;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportFollowersTable {
  report_id: string;
  citizen_id: string;
  created_at: Timestamp;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  report_id: string;
  event_id: number;
  created_at: Timestamp;
  processed_at: Date | null;
}

export interface CitizenNotificationsTable {
  id: Generated<string>;
  citizen_id: string;
  report_id: string | null;
  event_id: number | null;
  ticket_id: string | null;
  kind: 'queue_soon' | 'queue_called' | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface StaffNotificationsTable {
  id: Generated<string>;
  staff_user_id: string;
  report_id: string;
  kind: 'overdue' | 'escalated' | 'assigned' | 'returned' | 'reopened';
  created_at: Timestamp;
  read_at: Date | null;
}

export interface CalendarDaysTable {
  /** `date` columns come back as 'YYYY-MM-DD' strings (see db/pool.ts). */
  day: string;
  working: boolean;
  name: string;
  source: 'library' | 'admin';
  created_at: Timestamp;
}

export interface CategoryDeadlinesTable {
  category_id: string;
  priority: 'urgent' | 'normal' | 'complex';
  accept_hours: number;
  resolve_hours: number;
}

export interface ApiClientsTable {
  id: Generated<string>;
  name: string;
  contact: string | null;
  key_hash: Buffer;
  key_prefix: string;
  citizen_id: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export type AttributeDatatype =
  | 'string'
  | 'number'
  | 'datetime'
  | 'text'
  | 'singlevaluelist'
  | 'multivaluelist';

export interface CategoryAttributesTable {
  id: Generated<string>;
  category_id: string;
  code: string;
  datatype: AttributeDatatype;
  description: string;
  datatype_description: string | null;
  required: Generated<boolean>;
  sort_order: Generated<number>;
  values: ColumnType<{ key: string; name: string }[], string | undefined, string>;
}

export interface CentresTable {
  id: Generated<string>;
  code: string;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  agency_id: string;
  booking_days: Generated<number>;
  walk_in_interleave: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CentreSessionsTable {
  centre_id: string;
  weekday: number;
  starts_min: number;
  ends_min: number;
}

export interface CentreClosuresTable {
  centre_id: string;
  /** 'YYYY-MM-DD' (see db/pool.ts). */
  day: string;
  reason: string;
}

export interface ServiceFieldsTable {
  id: Generated<string>;
  centre_id: string;
  code: string;
  name: string;
  letter: string;
  slot_minutes: Generated<number>;
  capacity: number | null;
  active: Generated<boolean>;
  /** What the field covers, shown to citizens choosing it (migration 0019). */
  procedures: string | null;
  /** Remote numbers per day; null: the field gives none. */
  remote_daily_cap: number | null;
}

export interface CountersTable {
  id: Generated<string>;
  centre_id: string;
  number: number;
  name: string | null;
  active: Generated<boolean>;
}

export interface CounterFieldsTable {
  counter_id: string;
  field_id: string;
}

export interface SlotsTable {
  id: Generated<string>;
  field_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: Generated<number>;
}

export type BookingStatusValue = 'confirmed' | 'cancelled' | 'checked_in' | 'no_show';

export interface BookingsTable {
  id: Generated<string>;
  code: string;
  citizen_id: string;
  idempotency_key: string;
  centre_id: string;
  field_id: string;
  slot_id: string;
  day: string;
  starts_at: Date;
  name: string;
  phone: string;
  status: Generated<BookingStatusValue>;
  created_at: Timestamp;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
}

export interface TicketCountersTable {
  field_id: string;
  day: string;
  last: number;
  remote: Generated<number>;
}

export type TicketStatusValue = 'waiting' | 'called' | 'served' | 'absent' | 'transferred';

export interface TicketsTable {
  id: Generated<string>;
  centre_id: string;
  field_id: string;
  day: string;
  number: number;
  display: string;
  kind: 'appointment' | 'walk_in' | 'remote';
  booking_id: string | null;
  slot_starts_at: Date | null;
  citizen_id: string | null;
  priority: Generated<boolean>;
  status: Generated<TicketStatusValue>;
  counter_id: string | null;
  called_by: string | null;
  recalls: Generated<number>;
  created_at: Timestamp;
  called_at: Date | null;
  last_called_at: Date | null;
  finished_at: Date | null;
  transferred_to: string | null;
  /** Remote numbers: typed or scanned at the kiosk to confirm arrival. */
  code: string | null;
  idempotency_key: string | null;
  confirmed_at: Date | null;
}

export interface QueueStateTable {
  centre_id: string;
  day: string;
  appointments_in_row: Generated<number>;
}

export interface CounterSessionsTable {
  counter_id: string;
  staff_user_id: string;
  started_at: Timestamp;
}

export type ZaloChannelValue = 'off' | 'zns' | 'oa';
export type ZaloKindValue = 'report_status' | 'queue_soon' | 'queue_called';

export interface ZaloSettingsTable {
  id: Generated<boolean>;
  channel: Generated<ZaloChannelValue>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ZaloZnsTemplatesTable {
  kind: ZaloKindValue;
  template_id: string;
}

/** Token columns hold sealed values (see modules/zalo/zalo-oa-tokens.ts), never the tokens themselves. */
export interface ZaloOaTokensTable {
  id: Generated<boolean>;
  refresh_token: string;
  access_token: string | null;
  access_expires_at: Date | null;
  source: 'config' | 'admin' | 'rotated';
  config_token_sha256: Buffer | null;
  last_error: string | null;
  updated_at: Timestamp;
}

export interface ZaloDeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  kind: ZaloKindValue;
  channel: ZaloChannelValue;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_error_code: string | null;
  last_error: string | null;
  zalo_msg_id: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
  updated_at: Timestamp;
}

export interface LandUseCodesTable {
  code: string;
  name_vi: string;
  name_en: string;
  land_group: 'agricultural' | 'non_agricultural' | 'unused';
  color: string;
  legacy: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanningDatasetsTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  kind:
    | 'land_use_district'
    | 'land_use_province'
    | 'construction_general'
    | 'construction_zoning'
    | 'construction_detailed'
    | 'cadastral';
  status: Generated<'in_force' | 'superseded' | 'draft'>;
  decision_number: string | null;
  /** `YYYY-MM-DD` (pool.ts reads dates as text). */
  decision_date: string | null;
  decision_authority: string | null;
  decision_url: string | null;
  scale: string | null;
  period_start: number | null;
  period_end: number | null;
  commune_codes: Generated<string[]>;
  column_mapping: ColumnType<PlanningColumnMappingJson, string | undefined, string>;
  live_import_id: string | null;
  published_at: Date | null;
  feature_count: Generated<number>;
  extent_west: number | null;
  extent_south: number | null;
  extent_east: number | null;
  extent_north: number | null;
  is_sample: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A GeoJSON Polygon or MultiPolygon as stored (WGS84 degrees). */
export interface PolygonalGeometryJson {
  type: 'Polygon' | 'MultiPolygon';
  /** number[][][] for a Polygon, number[][][][] for a MultiPolygon. */
  coordinates: number[][][] | number[][][][];
}

/** A dataset's column mapping as stored: our field → the source column (see the contract's PlanningColumnMapping). */
export interface PlanningColumnMappingJson {
  zone?: Record<string, string>;
  parcel?: Record<string, string>;
}

export interface PlanningImportsTable {
  id: Generated<string>;
  dataset_id: string;
  status: Generated<'uploaded' | 'queued' | 'running' | 'validated' | 'published' | 'failed' | 'cancelled'>;
  file_key: string;
  file_name: string;
  file_size: number;
  format: 'geojson' | 'shapefile';
  detected: ColumnType<Record<string, unknown>, string, string>;
  encoding: 'utf-8' | 'windows-1258' | 'tcvn3' | null;
  crs: 'EPSG:4326' | 'EPSG:9218' | 'EPSG:3405' | 'EPSG:3406' | null;
  column_mapping: ColumnType<PlanningColumnMappingJson, string | undefined, string>;
  processed: Generated<number>;
  total: number | null;
  report: Json;
  cancel_requested: Generated<boolean>;
  lease_until: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  published_at: Date | null;
}

export interface PlanningZonesTable {
  id: Generated<number>;
  import_id: string;
  dataset_id: string;
  source_index: number;
  code: string;
  name: string | null;
  function: string | null;
  area_m2: number | null;
  density_pct: number | null;
  max_floors: number | null;
  max_height_m: number | null;
  setback: string | null;
  note: string | null;
  /** GeoJSON Polygon or MultiPolygon, WGS84. */
  geom: ColumnType<PolygonalGeometryJson, string, string>;
  /** PostgreSQL `box` text form `(east,north),(west,south)`; write `((west,south),(east,north))`. */
  bbox: string;
}

export interface PlanningParcelsTable {
  id: Generated<number>;
  import_id: string;
  dataset_id: string;
  source_index: number;
  commune_code: string;
  sheet: string;
  parcel_no: string;
  area_m2: number | null;
  land_type: string | null;
  address: string | null;
  geom: ColumnType<PolygonalGeometryJson, string, string>;
  bbox: string;
}

export interface DB {
  land_use_codes: LandUseCodesTable;
  planning_datasets: PlanningDatasetsTable;
  planning_imports: PlanningImportsTable;
  planning_zones: PlanningZonesTable;
  planning_parcels: PlanningParcelsTable;
  zalo_settings: ZaloSettingsTable;
  zalo_zns_templates: ZaloZnsTemplatesTable;
  zalo_oa_tokens: ZaloOaTokensTable;
  zalo_deliveries: ZaloDeliveriesTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  queue_state: QueueStateTable;
  counter_sessions: CounterSessionsTable;
  centres: CentresTable;
  centre_sessions: CentreSessionsTable;
  centre_closures: CentreClosuresTable;
  service_fields: ServiceFieldsTable;
  counters: CountersTable;
  counter_fields: CounterFieldsTable;
  slots: SlotsTable;
  bookings: BookingsTable;
  api_clients: ApiClientsTable;
  category_attributes: CategoryAttributesTable;
  response_templates: ResponseTemplatesTable;
  report_followers: ReportFollowersTable;
  notification_outbox: NotificationOutboxTable;
  citizen_notifications: CitizenNotificationsTable;
  staff_notifications: StaffNotificationsTable;
  calendar_days: CalendarDaysTable;
  category_deadlines: CategoryDeadlinesTable;
  report_photos: ReportPhotosTable;
  citizens: CitizensTable;
  citizen_tokens: CitizenTokensTable;
  commune_boundaries: CommuneBoundariesTable;
  reference_imports: ReferenceImportsTable;
  routing_rules: RoutingRulesTable;
  report_counters: ReportCountersTable;
  reports: ReportsTable;
  report_events: ReportEventsTable;
  provinces: ProvincesTable;
  communes: CommunesTable;
  agencies: AgenciesTable;
  categories: CategoriesTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  audit_log: AuditLogTable;
}
