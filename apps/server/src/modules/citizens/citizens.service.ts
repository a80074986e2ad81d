import type { CitizenSession } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { citizenRepository } from './citizens.repository.ts';

const TOUCH_INTERVAL_MS = 60 * 60_000;

/**
 * Citizen identity. On the web a device gets an anonymous identity once and keeps its token; the Zalo
 * build will verify a Zalo token instead and may link the device's identity so nothing is lost.
 */
export function createCitizenService(deps: { db: Executor; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async startDeviceSession(): Promise<CitizenSession> {
      const { token, hash } = newToken();
      const now = clock.now();
      const citizenId = await db.transaction().execute(async (trx) => {
        const id = await citizenRepository.create(trx);
        await citizenRepository.addToken(trx, id, hash, now);
        return id;
      });
      return { citizenId, token };
    },

    /** The citizen behind a bearer token, or null. */
    async resolveToken(token: string): Promise<{ citizenId: string } | null> {
      if (token.length > 100) return null;
      const hash = hashToken(token);
      const found = await citizenRepository.findByToken(db, hash);
      if (!found) return null;
      const now = clock.now();
      if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
        await citizenRepository.touchToken(db, hash, now);
      return { citizenId: found.citizenId };
    },
  };
}
export type CitizenService = ReturnType<typeof createCitizenService>;
