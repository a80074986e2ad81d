import type { StaffUser } from '@dltt/contracts';
import type { StaffRow } from './staff.repository.ts';

/** The staff user as the console sees it: never the password hash or the failure counter. */
export function presentStaffUser(row: StaffRow, now: Date): StaffUser {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    active: row.active,
    locked: row.locked_until !== null && row.locked_until > now,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at.toISOString(),
  };
}

/** What the audit log keeps of a staff user (no secrets). */
export function auditStaffUser(row: StaffRow) {
  return {
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    agencyId: row.agency_id,
    active: row.active,
  };
}
