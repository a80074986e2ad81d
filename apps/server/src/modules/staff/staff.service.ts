import { randomBytes } from 'node:crypto';
import {
  AGENCY_SCOPED_ROLES,
  type CreateStaffUserBody,
  type Page,
  type Role,
  type StaffUser,
  type StaffUserListQuery,
  type UpdateStaffUserBody,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { hashPassword } from '../../shared/password.ts';
import type { AgencyRepository } from '../agencies/agencies.repository.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { SessionRepository } from '../auth/auth.repository.ts';
import { auditStaffUser, presentStaffUser } from './staff.presenter.ts';
import { type StaffPatch, type StaffRow, staffRepository } from './staff.repository.ts';

export function createStaffService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  agencyRepository: Pick<AgencyRepository, 'findById'>;
  sessionRepository: Pick<SessionRepository, 'deleteForUser'>;
}) {
  const { db, clock, audit, agencyRepository, sessionRepository } = deps;

  /** Agency-scoped roles need an active agency; province-wide roles may name one or not. */
  async function checkAgency(executor: Executor, role: Role, agencyId: string | null): Promise<void> {
    if (agencyId === null) {
      if (AGENCY_SCOPED_ROLES.includes(role)) throw new AppError('AGENCY_REQUIRED');
      return;
    }
    const agency = await agencyRepository.findById(executor, agencyId);
    if (!agency) throw new AppError('AGENCY_NOT_FOUND');
    if (!agency.active) throw new AppError('AGENCY_INACTIVE');
  }

  async function load(id: string): Promise<StaffRow> {
    const row = await staffRepository.findById(db, id);
    if (!row) throw new AppError('STAFF_USER_NOT_FOUND');
    return row;
  }

  return {
    async list(query: StaffUserListQuery): Promise<Page<StaffUser>> {
      const { rows, total } = await staffRepository.list(db, query);
      const now = clock.now();
      return {
        items: rows.map((r) => presentStaffUser(r, now)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async get(id: string): Promise<StaffUser> {
      return presentStaffUser(await load(id), clock.now());
    },

    async create(actor: Actor, body: CreateStaffUserBody): Promise<StaffUser> {
      await checkAgency(db, body.role, body.agencyId);
      const passwordHash = await hashPassword(body.password);
      try {
        const id = await db.transaction().execute(async (trx) => {
          // The admin chose this password: its owner is asked to replace it.
          const newId = await staffRepository.insert(trx, {
            ...body,
            passwordHash,
            mustChangePassword: true,
          });
          const row = await staffRepository.findById(trx, newId);
          await audit.record(trx, actor, {
            action: 'staff.create',
            entityType: 'staff_user',
            entityId: newId,
            after: row ? auditStaffUser(row) : null,
          });
          return newId;
        });
        return presentStaffUser(await load(id), clock.now());
      } catch (error) {
        if (isUniqueViolation(error, 'staff_users_username_key')) throw new AppError('USERNAME_TAKEN');
        throw error;
      }
    },

    async update(actor: Actor, id: string, body: UpdateStaffUserBody): Promise<StaffUser> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        // Lock order, always: active admins by id, then the target. Concurrent changes queue, never deadlock.
        const admins = await staffRepository.lockActiveAdmins(trx);
        const before = await staffRepository.findByIdForUpdate(trx, id);
        if (!before) throw new AppError('STAFF_USER_NOT_FOUND');
        const role = body.role ?? before.role;
        const agencyId = body.agencyId === undefined ? before.agency_id : body.agencyId;
        const active = body.active ?? before.active;
        if (id === actor.userId && (role !== before.role || !active))
          throw new AppError('CANNOT_CHANGE_SELF');
        if (body.role !== undefined || body.agencyId !== undefined) await checkAgency(trx, role, agencyId);
        const losesAdmin = before.role === 'admin' && before.active && (role !== 'admin' || !active);
        if (losesAdmin && admins.filter((a) => a !== id).length === 0) throw new AppError('LAST_ADMIN');

        const patch: StaffPatch = {};
        if (body.fullName !== undefined) patch.full_name = body.fullName;
        if (body.role !== undefined) patch.role = body.role;
        if (body.agencyId !== undefined) patch.agency_id = body.agencyId;
        if (body.active !== undefined) patch.active = body.active;
        await staffRepository.update(trx, id, patch, now);
        // A disabled account or a changed role must not keep working through an open session.
        if (!active || role !== before.role || agencyId !== before.agency_id) {
          await sessionRepository.deleteForUser(trx, id);
        }
        const after = await staffRepository.findById(trx, id);
        await audit.record(trx, actor, {
          action: 'staff.update',
          entityType: 'staff_user',
          entityId: id,
          before: auditStaffUser(before),
          after: after ? auditStaffUser(after) : null,
        });
      });
      return presentStaffUser(await load(id), now);
    },

    /** An admin sets a new password: unlocks the account and ends its sessions. */
    async resetPassword(actor: Actor, id: string, password: string): Promise<StaffUser> {
      // One's own password changes only with the current one (auth.changePassword).
      if (id === actor.userId) throw new AppError('SELF_PASSWORD_RESET');
      await load(id);
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await staffRepository.update(
          trx,
          id,
          {
            password_hash: passwordHash,
            password_changed_at: now,
            must_change_password: true,
            failed_login_count: 0,
            locked_until: null,
          },
          now,
        );
        await sessionRepository.deleteForUser(trx, id);
        await audit.record(trx, actor, {
          action: 'staff.password_reset',
          entityType: 'staff_user',
          entityId: id,
        });
      });
      return presentStaffUser(await load(id), now);
    },

    /**
     * On first start there is no administrator: create one from ADMIN_USERNAME / ADMIN_PASSWORD, or
     * with a generated password that is returned once so the caller can show it to the operator.
     */
    async ensureFirstAdmin(
      username: string,
      password: string | undefined,
    ): Promise<{ generatedPassword?: string }> {
      if (await staffRepository.anyAdmin(db)) return {};
      const chosen = password ?? randomBytes(12).toString('base64url');
      const passwordHash = await hashPassword(chosen);
      const created = await db.transaction().execute(async (trx) => {
        // Several processes may start together on one PostgreSQL: only the first creates the admin.
        await staffRepository.lockBootstrap(trx);
        if (await staffRepository.anyAdmin(trx)) return false;
        const id = await staffRepository.insert(trx, {
          username,
          fullName: 'Quản trị hệ thống',
          role: 'admin',
          agencyId: null,
          passwordHash,
          // A generated password sits in a file on the server: replace it. ADMIN_PASSWORD is the operator's own.
          mustChangePassword: password === undefined,
        });
        await audit.record(trx, null, {
          action: 'staff.bootstrap_admin',
          entityType: 'staff_user',
          entityId: id,
          after: { username, role: 'admin' },
        });
        return true;
      });
      return created && !password ? { generatedPassword: chosen } : {};
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
