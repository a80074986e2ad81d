import { z } from 'zod';
import { PageQuery } from './common.ts';

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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = PageQuery.extend({
  actorId: z.uuid().optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
