import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { ZaloConfig } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import type { ZaloOaTokensTable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { zaloNotificationRepository as repo } from './zalo-notifications.repository.ts';
import type { ZaloOaClient, ZaloResult } from './zalo-oa.client.ts';

/** Refresh this long before Zalo's expiry, so a send never starts with a token about to lapse. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * Seals tokens at rest with AES-256-GCM under a key derived from the server secret: a database dump or backup
 * alone does not let anyone message citizens as the province's Official Account.
 */
function sealer(secretKey: Buffer) {
  const key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'dltt zalo oa tokens v1', 32));
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    /** null when the value was sealed under another secret (SECRET_KEY changed) or is damaged. */
    open(sealed: string): string | null {
      if (!sealed.startsWith('v1.')) return null;
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      if (raw.length < 29) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** A new token chain, sealed, exchanged with Zalo but not saved yet. */
export type AdoptedOaChain = Omit<Insertable<ZaloOaTokensTable>, 'id'>;

export interface OaTokenStatus {
  tokenSet: boolean;
  connected: boolean;
  accessExpiresAt: Date | null;
  lastError: string | null;
}

/**
 * The Official Account's access token, refreshed when it is about to expire or when Zalo calls it invalid.
 * Zalo's refresh tokens are single-use: each refresh returns the next one, which is saved (compare-and-swap on
 * the stored token, so two processes never overwrite a newer chain with an older one) before the access token
 * is used. The first refresh token comes from ZALO_OA_REFRESH_TOKEN or from the console.
 */
export function createOaTokenStore(deps: {
  db: Executor;
  clock: Clock;
  zalo: ZaloConfig;
  client: ZaloOaClient;
  secretKey: Buffer;
}) {
  const { db, clock, zalo, client } = deps;
  const box = sealer(deps.secretKey);
  let inflight: Promise<ZaloResult<string>> | null = null;
  let configAdopted = false;

  /** The stored row, after adopting a ZALO_OA_REFRESH_TOKEN the database has not seen yet (once per process). */
  async function load() {
    if (zalo.oaRefreshToken && !configAdopted) {
      await repo.adoptConfigToken(db, {
        sealed: box.seal(zalo.oaRefreshToken),
        hash: sha256(zalo.oaRefreshToken),
        now: clock.now(),
      });
      configAdopted = true;
    }
    return repo.oaTokens(db);
  }

  async function refresh(): Promise<ZaloResult<string>> {
    for (let round = 0; round < 2; round++) {
      const row = await repo.oaTokens(db);
      if (!row)
        return { ok: false, failure: { kind: 'retry', code: 'NO_OA_TOKEN', message: 'No OA refresh token' } };
      const refreshToken = box.open(row.refresh_token);
      if (refreshToken === null) {
        const message = 'The stored OA token was sealed with another SECRET_KEY; set a new refresh token';
        await repo.setOaError(db, 'OA_TOKEN_UNREADABLE', clock.now());
        return { ok: false, failure: { kind: 'retry', code: 'OA_TOKEN_UNREADABLE', message } };
      }
      const result = await client.refresh(refreshToken);
      const now = clock.now();
      if (result.ok) {
        const saved = await repo.rotateOaTokens(db, row.refresh_token, {
          refresh_token: box.seal(result.value.refreshToken),
          access_token: box.seal(result.value.accessToken),
          access_expires_at: new Date(now.getTime() + result.value.expiresInSeconds * 1000),
          source: 'rotated',
          last_error: null,
          updated_at: now,
        });
        // Lost the race to an administrator who set a new token meanwhile: theirs wins, try again with it.
        if (saved) return { ok: true, value: result.value.accessToken };
        continue;
      }
      // Another process may have rotated the chain with this very token a moment ago: use its result.
      const latest = await repo.oaTokens(db);
      if (latest && latest.refresh_token !== row.refresh_token) {
        const access = latest.access_token ? box.open(latest.access_token) : null;
        if (
          access &&
          latest.access_expires_at &&
          latest.access_expires_at.getTime() - EXPIRY_MARGIN_MS > now.getTime()
        )
          return { ok: true, value: access };
        continue;
      }
      await repo.setOaError(db, result.failure.code, now);
      // The delivery waits and tries again later: an administrator can set a new token meanwhile.
      return { ok: false, failure: { ...result.failure, kind: 'retry' } };
    }
    return {
      ok: false,
      failure: { kind: 'retry', code: 'OA_TOKEN_RACE', message: 'The OA token kept changing' },
    };
  }

  return {
    /** A usable access token; `force` refreshes even when the stored one has not expired (Zalo refused it). */
    async accessToken(force = false): Promise<ZaloResult<string>> {
      const row = await load();
      if (!force && row?.access_token && row.access_expires_at) {
        const access = box.open(row.access_token);
        if (access && row.access_expires_at.getTime() - EXPIRY_MARGIN_MS > clock.now().getTime())
          return { ok: true, value: access };
      }
      // One refresh at a time in this process; concurrent senders share its result.
      inflight ??= refresh().finally(() => {
        inflight = null;
      });
      return inflight;
    },

    /**
     * Exchanges a refresh token an administrator pasted with Zalo, so a wrong one is refused (400) before
     * anything is saved. Returns the new chain, sealed, for {@link save}; until then the stored chain is in use.
     */
    async exchange(refreshToken: string): Promise<AdoptedOaChain> {
      if (!client.configured) throw new AppError('ZALO_APP_NOT_CONFIGURED');
      const result = await client.refresh(refreshToken);
      if (!result.ok) {
        throw new AppError(
          result.failure.kind === 'permanent' ? 'ZALO_OA_TOKEN_REJECTED' : 'ZALO_UNAVAILABLE',
          {
            code: result.failure.code,
          },
        );
      }
      const now = clock.now();
      return {
        refresh_token: box.seal(result.value.refreshToken),
        access_token: box.seal(result.value.accessToken),
        access_expires_at: new Date(now.getTime() + result.value.expiresInSeconds * 1000),
        source: 'admin',
        // The environment's token (if any) counts as seen, so it does not take over at the next start.
        config_token_sha256: zalo.oaRefreshToken ? sha256(zalo.oaRefreshToken) : null,
        last_error: null,
        updated_at: now,
      };
    },

    /** Replaces the stored chain with an exchanged one; run it in the transaction that records the change. */
    async save(trx: Executor, chain: AdoptedOaChain): Promise<void> {
      await repo.replaceOaTokens(trx, chain);
    },

    async status(): Promise<OaTokenStatus> {
      const row = await load();
      const now = clock.now().getTime();
      const connected = Boolean(
        row?.access_token &&
          row.access_expires_at &&
          row.access_expires_at.getTime() > now &&
          box.open(row.access_token),
      );
      return {
        tokenSet: Boolean(row),
        connected,
        accessExpiresAt: connected ? (row?.access_expires_at ?? null) : null,
        lastError: row?.last_error ?? null,
      };
    },
  };
}
export type OaTokenStore = ReturnType<typeof createOaTokenStore>;
