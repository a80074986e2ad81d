import { z } from 'zod';
import { PERMISSIONS, ROLES } from './constants.ts';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do. Agency scoping (own agency only) is applied on top of this by the
 * services, so a permission here never means "province-wide" for an agency-scoped role.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  /** The administrator may do everything, including what a new permission adds. */
  admin: PERMISSIONS,
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
  /** Planning officers of the land and construction departments: their agency's planning datasets. */
  planning_officer: ['console.access', 'reference.read', 'planning.manage'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
