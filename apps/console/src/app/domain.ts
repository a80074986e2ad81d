import type {
  AgencyKind,
  AttributeDatatype,
  AuditAction,
  AuditEntityType,
  CategoryIcon,
  Role,
  ZaloChannel,
  ZaloDeliveryStatus,
  ZaloNotificationKind,
} from '@dltt/contracts';

/*
 * Local mirrors of constants from @dltt/contracts. Importing the values from there would pull zod
 * (~26 kB gzip) into the bundle; the `Record<Union, ...>` literals below make tsc fail when the
 * contract gains or loses a member, so they cannot drift silently.
 */

/** true = the role works for one agency (AGENCY_SCOPED_ROLES in the contract). */
const ROLE_IS_AGENCY_SCOPED: Record<Role, boolean> = {
  admin: false,
  dispatcher: false,
  agency_manager: true,
  agency_officer: true,
  counter_officer: true,
};
export const ROLES = Object.keys(ROLE_IS_AGENCY_SCOPED) as Role[];
export function isAgencyScoped(role: Role): boolean {
  return ROLE_IS_AGENCY_SCOPED[role];
}

const AGENCY_KIND_SET: Record<AgencyKind, true> = {
  department: true,
  commune_committee: true,
  commune_police: true,
  service_centre: true,
  dispatcher: true,
  other: true,
};
export const AGENCY_KINDS = Object.keys(AGENCY_KIND_SET) as AgencyKind[];

const CATEGORY_ICON_SET: Record<CategoryIcon, true> = {
  traffic: true,
  security: true,
  food: true,
  land: true,
  environment: true,
  infrastructure: true,
  health: true,
  education: true,
  other: true,
};
export const CATEGORY_ICONS = Object.keys(CATEGORY_ICON_SET) as CategoryIcon[];

/** true = the datatype offers choices, so it needs `values` (ATTRIBUTE_DATATYPES in the contract). */
const DATATYPE_IS_LIST: Record<AttributeDatatype, boolean> = {
  string: false,
  number: false,
  datetime: false,
  text: false,
  singlevaluelist: true,
  multivaluelist: true,
};
export const ATTRIBUTE_DATATYPES = Object.keys(DATATYPE_IS_LIST) as AttributeDatatype[];
export function isListDatatype(datatype: AttributeDatatype): boolean {
  return DATATYPE_IS_LIST[datatype];
}

/** PASSWORD_MIN_LENGTH in the contract; the server enforces it, this only gives early feedback. */
export const PASSWORD_MIN_LENGTH = 10;

/** Lower-case letters, digits and . _ - (the contract's Username). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
/** Agency and category codes. */
export const CODE_PATTERN = /^[a-z0-9-]{2,64}$/;

/** 8 working hours make one working day (see Category.defaultDeadlineHours). */
export const WORKING_HOURS_PER_DAY = 8;

/** Every audit action the server writes (AUDIT_ACTIONS in the contract); each has a label in audit.actions.*. */
const AUDIT_ACTION_SET: Record<AuditAction, true> = {
  'auth.login': true,
  'auth.logout': true,
  'auth.locked': true,
  'auth.password_changed': true,
  'staff.create': true,
  'staff.update': true,
  'staff.password_reset': true,
  'staff.bootstrap_admin': true,
  'agency.create': true,
  'agency.update': true,
  'category.create': true,
  'category.update': true,
  'category.attributes': true,
  'category.deadlines': true,
  'api_client.issue': true,
  'api_client.revoke': true,
  'commune_boundaries.import': true,
  'zalo.settings': true,
  'zalo.delivery_retry': true,
  'routing_rule.create': true,
  'routing_rule.delete': true,
  'calendar_day.set': true,
  'calendar_day.delete': true,
  'centre.create': true,
  'centre.update': true,
  'centre.closure_set': true,
  'centre.closure_delete': true,
  'response_template.create': true,
  'response_template.update': true,
  'response_template.delete': true,
  'report.accept': true,
  'report.start': true,
  'report.resolve': true,
  'report.reject': true,
  'report.publish': true,
  'report.return': true,
  'report.transfer': true,
  'report.assign': true,
  'report.note': true,
  'report.photo_add': true,
  'report.photo_delete': true,
};
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_SET) as AuditAction[];

/** Every audit entity type the server writes (AUDIT_ENTITY_TYPES in the contract). */
const AUDIT_ENTITY_TYPE_SET: Record<AuditEntityType, true> = {
  staff_user: true,
  agency: true,
  category: true,
  api_client: true,
  commune_boundaries: true,
  zalo_settings: true,
  zalo_delivery: true,
  routing_rule: true,
  calendar_day: true,
  centre: true,
  response_template: true,
  report: true,
};
export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITY_TYPE_SET) as AuditEntityType[];

const ZALO_CHANNEL_SET: Record<ZaloChannel, true> = { off: true, zns: true, oa: true };
export const ZALO_CHANNELS = Object.keys(ZALO_CHANNEL_SET) as ZaloChannel[];

const ZALO_KIND_SET: Record<ZaloNotificationKind, true> = {
  report_status: true,
  queue_soon: true,
  queue_called: true,
};
export const ZALO_KINDS = Object.keys(ZALO_KIND_SET) as ZaloNotificationKind[];

const ZALO_STATUS_SET: Record<ZaloDeliveryStatus, true> = {
  pending: true,
  sent: true,
  failed: true,
  skipped: true,
};
export const ZALO_DELIVERY_STATUSES = Object.keys(ZALO_STATUS_SET) as ZaloDeliveryStatus[];

/** ZnsTemplateId in the contract. */
export const ZNS_TEMPLATE_ID_PATTERN = /^[0-9]{1,20}$/;
