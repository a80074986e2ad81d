import { z } from 'zod';

export const ROLES = ['admin', 'dispatcher', 'agency_manager', 'agency_officer', 'counter_officer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles whose users work for one agency and see only that agency's data. */
export const AGENCY_SCOPED_ROLES: readonly Role[] = ['agency_manager', 'agency_officer', 'counter_officer'];

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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do. Agency scoping (own agency only) is applied on top of this by the
 * services, so a permission here never means "province-wide" for an agency-scoped role.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'console.access',
    'staff.manage',
    'agencies.manage',
    'categories.manage',
    'audit.read',
    'reference.read',
    'routing.manage',
    'calendar.manage',
    'reports.handle',
    'reports.all',
    'reports.publish',
    'reports.assign',
    'templates.manage',
    'apiclients.manage',
    'centres.manage',
    'queue.serve',
    'queue.stats',
    'zalo.manage',
  ],
  dispatcher: [
    'console.access',
    'reference.read',
    'reports.handle',
    'reports.all',
    'reports.publish',
    'reports.assign',
    'templates.manage',
  ],
  agency_manager: ['console.access', 'reference.read', 'reports.handle', 'reports.assign', 'queue.stats'],
  agency_officer: ['console.access', 'reference.read', 'reports.handle'],
  counter_officer: ['console.access', 'reference.read', 'queue.serve', 'queue.stats'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
