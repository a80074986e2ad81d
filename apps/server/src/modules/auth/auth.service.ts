import type { StaffUser } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor, SessionActor } from '../../http/access.ts';
import { burnVerifyTime, hashPassword, verifyPassword } from '../../shared/password.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import type { StaffRepository, StaffRow } from '../staff/staff.repository.ts';
import { sessionRepository } from './auth.repository.ts';

const HOUR = 3_600_000;
/** Sliding expiry is written at most this often, so each request is not also a write. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent?: string | undefined;
}

export function createAuthService(deps: {
  db: Executor;
  clock: Clock;
  config: Pick<Config, 'login' | 'sessionIdleHours'>;
  audit: AuditService;
  staffRepository: StaffRepository;
  /** The staff module's presenter: a signed-in user is shown as the staff list shows them. */
  presentStaffUser: (row: StaffRow, now: Date) => StaffUser;
}) {
  const { db, clock, config, audit, staffRepository, presentStaffUser } = deps;
  const idleMs = config.sessionIdleHours * HOUR;

  async function throwLocked(userId: string): Promise<never> {
    const until = await staffRepository.lockedUntil(db, userId);
    throw new AppError('ACCOUNT_LOCKED', until ? { lockedUntil: until.toISOString() } : undefined);
  }

  /**
   * Verifies a password under the lockout: the attempt is claimed before the (slow) hash check, so a burst
   * of parallel guesses gets at most `maxFailures` checks. The failure that reaches the limit locks the
   * account and ends its sessions.
   */
  async function checkPassword(
    userId: string,
    passwordHash: string,
    password: string,
    who: AuditActor,
    failure: 'INVALID_CREDENTIALS' | 'WRONG_PASSWORD',
  ): Promise<void> {
    const now = clock.now();
    const lockUntil = new Date(now.getTime() + config.login.lockMinutes * 60_000);
    const claim = await staffRepository.claimLoginAttempt(
      db,
      userId,
      now,
      config.login.maxFailures,
      lockUntil,
    );
    if (!claim || claim.locked) await throwLocked(userId);
    if (await verifyPassword(passwordHash, password)) return;
    if (claim!.attempt >= config.login.maxFailures) {
      await db.transaction().execute(async (trx) => {
        await staffRepository.lock(trx, userId, lockUntil);
        await sessionRepository.deleteForUser(trx, userId);
        await audit.record(trx, who, { action: 'auth.locked', entityType: 'staff_user', entityId: userId });
      });
      throw new AppError('ACCOUNT_LOCKED', { lockedUntil: lockUntil.toISOString() });
    }
    throw new AppError(failure);
  }

  return {
    /** Checks the password and opens a session; counts failures and locks the account past the limit. */
    async login(
      username: string,
      password: string,
      meta: RequestMeta,
    ): Promise<{ token: string; sessionId: string; expiresAt: Date; user: StaffUser }> {
      const now = clock.now();
      const user = await staffRepository.findByUsername(db, username);
      if (!user) {
        await burnVerifyTime(password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      const who = { userId: user.id, username: user.username, requestId: meta.requestId, ip: meta.ip };
      await checkPassword(user.id, user.password_hash, password, who, 'INVALID_CREDENTIALS');
      // Only a caller who knows the password learns that the account is disabled.
      if (!user.active) throw new AppError('ACCOUNT_DISABLED');
      if (!(await staffRepository.recordSuccessfulLogin(db, user.id, now, true))) await throwLocked(user.id);

      const { token, hash: tokenHash } = newToken();
      const expiresAt = new Date(now.getTime() + idleMs);
      const sessionId = await db.transaction().execute(async (trx) => {
        const id = await sessionRepository.create(trx, {
          tokenHash,
          userId: user.id,
          now,
          expiresAt,
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
        });
        await audit.record(trx, who, { action: 'auth.login', entityType: 'staff_user', entityId: user.id });
        return id;
      });
      const fresh = await staffRepository.findById(db, user.id);
      return { token, sessionId, expiresAt, user: presentStaffUser(fresh ?? user, now) };
    },

    /** The actor behind a session cookie, or null when it is unknown, expired or its user disabled. */
    async resolveSession(
      token: string,
      meta: Pick<RequestMeta, 'requestId' | 'ip'>,
    ): Promise<SessionActor | null> {
      if (token.length > 100) return null;
      const now = clock.now();
      const s = await sessionRepository.findLive(db, hashToken(token), now);
      if (!s) return null;
      if (now.getTime() - s.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
        await sessionRepository.touch(db, s.id, now, new Date(now.getTime() + idleMs));
      }
      return {
        userId: s.user_id,
        username: s.username,
        role: s.role,
        agencyId: s.agency_id,
        sessionId: s.id,
        requestId: meta.requestId,
        ip: meta.ip,
        mustChangePassword: s.must_change_password,
      };
    },

    async currentUser(actor: Actor): Promise<StaffUser> {
      const user = await staffRepository.findById(db, actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      return presentStaffUser(user, clock.now());
    },

    async logout(actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await sessionRepository.delete(trx, actor.sessionId);
        await audit.record(trx, actor, {
          action: 'auth.logout',
          entityType: 'staff_user',
          entityId: actor.userId,
        });
      });
    },

    /** Changes the actor's own password and signs out their other sessions. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
      const user = await staffRepository.findById(db, actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      // Wrong current passwords count towards the lockout: a stolen session cannot guess the password.
      await checkPassword(user.id, user.password_hash, currentPassword, actor, 'WRONG_PASSWORD');
      await staffRepository.recordSuccessfulLogin(db, user.id, clock.now(), false);
      if (currentPassword === newPassword) throw new AppError('PASSWORD_REUSED');
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await staffRepository.update(
          trx,
          user.id,
          { password_hash: passwordHash, password_changed_at: now, must_change_password: false },
          now,
        );
        await sessionRepository.deleteForUser(trx, user.id, actor.sessionId);
        await audit.record(trx, actor, {
          action: 'auth.password_changed',
          entityType: 'staff_user',
          entityId: user.id,
        });
      });
    },

    purgeExpiredSessions(): Promise<number> {
      return sessionRepository.deleteExpired(db, clock.now());
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
