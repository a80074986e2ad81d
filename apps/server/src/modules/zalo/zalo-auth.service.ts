import {
  parsePhoneNumber,
  type ZaloCodeExchange,
  type ZaloLocation,
  type ZaloPhone,
  type ZaloSession,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import type { CitizenMergeRepository, MergeSummary } from '../citizens/citizen-merge.repository.ts';
import type {
  CitizenIdentityRow,
  CitizenRepository,
  CitizenZaloRepository,
} from '../citizens/citizens.repository.ts';
import type { ZaloGraphClient } from './zalo-graph.client.ts';

/** What a sign-in did with the identities, for the server log (never sent to the client). */
export type ZaloLoginOutcome =
  | { kind: 'existing' | 'created' | 'linked' | 'device_of_other_zalo' }
  | { kind: 'merged'; mergedCitizenId: string; summary: MergeSummary };

/** A retry needs at most one more round (the other sign-in has committed by then); a few to be safe. */
const MAX_ATTEMPTS = 4;

const isDeadlock = (error: unknown) => (error as { code?: string })?.code === '40P01';

/**
 * The citizens a sign-in locked for a merge are not the ones it found under the row locks (a concurrent sign-in
 * created the Zalo citizen or merged the device meanwhile): it rolls back and starts over.
 */
class MergeLocksStale extends Error {}

/** "84912345678", "+84 912 345 678" or "0912345678" -> "0912345678"; null unless a Vietnamese mobile number. */
export function vietnameseMobile(raw: unknown): string | null {
  const text =
    typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? raw : '';
  const parsed = parsePhoneNumber(text);
  return parsed?.kind === 'mobile' ? parsed.national : null;
}

/** A coordinate Zalo sent as a number or a decimal string; NaN for anything else ("" is not 0). */
function coordinate(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  return Number.NaN;
}

/**
 * Citizen identity through Zalo: sign-in with a Zalo access token (linking or merging the device's anonymous
 * identity so nothing it filed is lost), and the phone number / location a citizen chose to share.
 */
export function createZaloAuthService(deps: {
  db: Executor;
  clock: Clock;
  graph: ZaloGraphClient;
  /** The citizens module's repositories: a Zalo sign-in finds, links, creates and merges citizens. */
  citizenRepository: Pick<CitizenRepository, 'findByToken' | 'addToken' | 'deleteToken'>;
  citizenZaloRepository: CitizenZaloRepository;
  citizenMerge: CitizenMergeRepository;
}) {
  const { db, clock, graph, citizenRepository, citizenZaloRepository: repo } = deps;
  const { lockCitizensForMerge, mergeCitizens } = deps.citizenMerge;

  /**
   * The device's citizen, locked; undefined when the token is unknown, or gone because a concurrent sign-in
   * merged or linked the device while we waited (its token is revoked then).
   */
  async function lockDevice(trx: Executor, deviceHash: Buffer): Promise<CitizenIdentityRow | undefined> {
    for (let i = 0; i < 2; i++) {
      const found = await citizenRepository.findByToken(trx, deviceHash);
      if (!found) return undefined;
      const row = await repo.lock(trx, found.citizenId);
      if (row) return row;
    }
    return undefined;
  }

  /**
   * When this sign-in may merge an anonymous device into an existing Zalo citizen, takes both citizens' booking
   * locks before any row lock — the order a booking takes them in (its citizen's booking lock, then the
   * key-share lock of its insert on the citizen row). Returns the ids it locked.
   */
  async function lockForMerge(trx: Executor, zaloId: string, deviceHash: Buffer): Promise<Set<string>> {
    const zaloCitizen = await repo.findIdByZaloId(trx, zaloId);
    const deviceToken = await citizenRepository.findByToken(trx, deviceHash);
    const device = deviceToken ? await repo.find(trx, deviceToken.citizenId) : undefined;
    if (!zaloCitizen || !device || device.id === zaloCitizen || device.zalo_id !== null) return new Set();
    await lockCitizensForMerge(trx, [zaloCitizen, device.id]);
    return new Set([zaloCitizen, device.id]);
  }

  async function signIn(
    trx: Executor,
    zaloId: string,
    deviceHash: Buffer | undefined,
  ): Promise<{ citizenId: string; linkedDevice: boolean; outcome: ZaloLoginOutcome }> {
    const now = clock.now();
    const mergeLocked = deviceHash ? await lockForMerge(trx, zaloId, deviceHash) : new Set<string>();
    // The Zalo citizen is locked before the device's one, always in this order.
    const zalo = await repo.lockByZaloId(trx, zaloId);
    const device = deviceHash ? await lockDevice(trx, deviceHash) : undefined;

    if (zalo) {
      if (!device || device.id === zalo.id)
        return { citizenId: zalo.id, linkedDevice: device !== undefined, outcome: { kind: 'existing' } };
      if (device.zalo_id !== null)
        return { citizenId: zalo.id, linkedDevice: false, outcome: { kind: 'device_of_other_zalo' } };
      // Re-checked under the row locks: merging without both booking locks held could deadlock with a booking.
      if (!mergeLocked.has(zalo.id) || !mergeLocked.has(device.id)) throw new MergeLocksStale();
      const summary = await mergeCitizens(trx, device.id, zalo.id, now);
      return {
        citizenId: zalo.id,
        linkedDevice: true,
        outcome: { kind: 'merged', mergedCitizenId: device.id, summary },
      };
    }

    // A concurrent sign-in of the same user may have linked this very device while we waited for its lock.
    if (device?.zalo_id === zaloId)
      return { citizenId: device.id, linkedDevice: true, outcome: { kind: 'existing' } };
    if (device && device.zalo_id === null) {
      // A unique violation here (someone else got this Zalo id first) rolls back and retries as a merge.
      if (await repo.link(trx, device.id, zaloId, now))
        return { citizenId: device.id, linkedDevice: true, outcome: { kind: 'linked' } };
    }
    const created = await repo.createForZalo(trx, zaloId, now);
    const linkedDevice = false;
    const outcome: ZaloLoginOutcome = { kind: device ? 'device_of_other_zalo' : 'created' };
    if (created) return { citizenId: created, linkedDevice, outcome };
    // Created by a concurrent sign-in that committed meanwhile: use that one.
    const existing = await repo.lockByZaloId(trx, zaloId);
    if (!existing) throw new Error('zalo citizen vanished during sign-in');
    return { citizenId: existing.id, linkedDevice, outcome: { kind: 'existing' } };
  }

  /** The Zalo id of a signed-in citizen; 409 when the citizen never signed in with Zalo. */
  async function linkedZaloId(citizen: CitizenPrincipal): Promise<string> {
    const row = await repo.find(db, citizen.citizenId);
    if (!row?.zalo_id) throw new AppError('ZALO_NOT_LINKED');
    return row.zalo_id;
  }

  /** Checks that the access token is the signed-in citizen's Zalo account, then exchanges the code. */
  async function exchange(citizen: CitizenPrincipal, body: ZaloCodeExchange) {
    const zaloId = await linkedZaloId(citizen);
    const profile = await graph.me(body.accessToken);
    if (profile.id !== zaloId) throw new AppError('ZALO_IDENTITY_MISMATCH');
    return graph.info(body.accessToken, body.code);
  }

  return {
    /**
     * Signs in with a Zalo access token. `deviceToken` is the device's current citizen bearer token, if any:
     * an anonymous device identity becomes (or merges into) the Zalo one; a device already tied to another Zalo
     * account is left alone. Returns a new bearer token of the Zalo citizen. When the device joined the Zalo
     * identity (`linkedDevice`), the device token is revoked (a merge revokes all of the device's tokens): an
     * anonymous token, perhaps copied long ago, must not open the Zalo-verified identity.
     */
    async login(
      accessToken: string,
      deviceToken: string | undefined,
    ): Promise<ZaloSession & { outcome: ZaloLoginOutcome }> {
      const profile = await graph.me(accessToken);
      const deviceHash = deviceToken ? hashToken(deviceToken) : undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(async (trx) => {
            const result = await signIn(trx, profile.id, deviceHash);
            if (result.linkedDevice && deviceHash) await citizenRepository.deleteToken(trx, deviceHash);
            const { token, hash } = newToken();
            await citizenRepository.addToken(trx, result.citizenId, hash, clock.now());
            return {
              citizenId: result.citizenId,
              token,
              linkedDevice: result.linkedDevice,
              outcome: result.outcome,
            };
          });
        } catch (error) {
          // Two first sign-ins of one Zalo user at once: the loser retries and finds the winner's citizen. A
          // concurrent sign-in changed who is to be merged: lock again. Should PostgreSQL still abort a deadlock
          // (none is known: merges take the booking locks first, as bookings do), a sign-in simply tries again.
          const retry =
            isUniqueViolation(error, 'citizens_zalo_id_key') ||
            error instanceof MergeLocksStale ||
            isDeadlock(error);
          if (attempt < MAX_ATTEMPTS && retry) continue;
          throw error instanceof MergeLocksStale ? new AppError('TRY_AGAIN') : error;
        }
      }
    },

    /** The citizen's phone number as Zalo verified it; stored for booking prefill and Zalo messages. */
    async exchangePhone(citizen: CitizenPrincipal, body: ZaloCodeExchange): Promise<ZaloPhone> {
      const data = await exchange(citizen, body);
      if (data.number === undefined || data.number === null || data.number === '')
        throw new AppError('ZALO_UNAVAILABLE', { reason: 'bad_response' });
      const phone = vietnameseMobile(data.number);
      if (!phone) throw new AppError('ZALO_PHONE_UNSUPPORTED');
      await repo.setPhone(db, citizen.citizenId, phone, clock.now());
      return { phone };
    },

    /** Where the citizen is, as Zalo reports it (not stored). */
    async exchangeLocation(citizen: CitizenPrincipal, body: ZaloCodeExchange): Promise<ZaloLocation> {
      const data = await exchange(citizen, body);
      const lat = coordinate(data.latitude);
      const lng = coordinate(data.longitude);
      if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180))
        throw new AppError('ZALO_UNAVAILABLE', { reason: 'bad_response' });
      return { lat, lng };
    },
  };
}
export type ZaloAuthService = ReturnType<typeof createZaloAuthService>;
