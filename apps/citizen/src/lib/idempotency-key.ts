/**
 * A key that makes sending the same thing twice (a retry, the outbox) file it once: 32 random characters from
 * [A-Za-z0-9_-]; the server accepts 8 to 100 of them.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
