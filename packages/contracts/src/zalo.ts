import { z } from 'zod';

/**
 * A token from zmp-sdk (`getAccessToken()`, `getPhoneNumber()`, `getLocation()`), passed on to Zalo as an HTTP
 * header: printable ASCII without spaces, so it can never break or inject a header. Empty is allowed on purpose:
 * the SDK's development mock (on localhost) answers "" and only Zalo decides whether a token is valid.
 */
export const ZaloToken = z
  .string()
  .max(2048)
  .regex(/^[\x21-\x7e]*$/);

/** `POST /api/v1/auth/zalo`; send the device's bearer token too (optional) to keep what it filed. */
export const ZaloLogin = z.object({ accessToken: ZaloToken });
export type ZaloLogin = z.infer<typeof ZaloLogin>;

export const ZaloSession = z.object({
  citizenId: z.uuid(),
  /** A new citizen bearer token (as from `POST /citizen/session`); send as `Authorization: Bearer <token>`. */
  token: z.string(),
  /** True when the device identity sent along is now part of this Zalo identity (linked or merged). */
  linkedDevice: z.boolean(),
});
export type ZaloSession = z.infer<typeof ZaloSession>;

/** A single-use code from `getPhoneNumber()` / `getLocation()` with the user's current access token. */
export const ZaloCodeExchange = z.object({ accessToken: ZaloToken, code: ZaloToken });
export type ZaloCodeExchange = z.infer<typeof ZaloCodeExchange>;

export const ZaloPhone = z.object({
  /** Verified by Zalo, national form: 0912345678. */
  phone: z.string().regex(/^0\d{9}$/),
});
export type ZaloPhone = z.infer<typeof ZaloPhone>;

export const ZaloLocation = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type ZaloLocation = z.infer<typeof ZaloLocation>;
