import { createHash, randomBytes } from 'node:crypto';

/** Bearer and session tokens are kept as their SHA-256 only: a copy of the database opens no session. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A fresh token: shown to its holder once, stored as its hash. */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
