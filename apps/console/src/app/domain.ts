import type { AttributeDatatype, Role } from '@dltt/contracts';
import { AGENCY_SCOPED_ROLES, LIST_ATTRIBUTE_DATATYPES } from '@dltt/contracts/constants';

/*
 * The domain's constants come from @dltt/contracts/constants, which imports no zod (importing them from the
 * package's index would ship the schema library, ~26 kB gzip); the names the screens use are kept here.
 */
export {
  AGENCY_KINDS,
  ATTRIBUTE_DATATYPES,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  CATEGORY_ICONS,
  CODE_PATTERN,
  LAND_USE_CODE_PATTERN,
  LAND_USE_GROUPS,
  PASSWORD_MIN_LENGTH,
  PLANNING_CRS,
  PLANNING_ENCODINGS,
  PLANNING_IMPORT_STATUSES,
  PLANNING_KINDS,
  PLANNING_PARCEL_FIELDS,
  PLANNING_REQUIRED_FIELDS,
  PLANNING_STATUSES,
  PLANNING_WARNING_ISSUE_KINDS,
  PLANNING_ZONE_FIELDS,
  ROLES,
  USERNAME_PATTERN,
  WORKING_HOURS_PER_DAY,
  ZALO_CHANNELS,
  ZALO_DELIVERY_STATUSES,
  ZALO_NOTIFICATION_KINDS as ZALO_KINDS,
  ZNS_TEMPLATE_ID_PATTERN,
} from '@dltt/contracts/constants';

/** The role works for one agency and sees only its data. */
export function isAgencyScoped(role: Role): boolean {
  return AGENCY_SCOPED_ROLES.includes(role);
}

/** The datatype offers choices, so an attribute of it needs `values`. */
export function isListDatatype(datatype: AttributeDatatype): boolean {
  return LIST_ATTRIBUTE_DATATYPES.includes(datatype);
}
