import { z } from 'zod';

/** The citizen's anonymous device identity (the server's modules/citizens). */

export const CitizenSession = z.object({
  citizenId: z.uuid(),
  /** Send as `Authorization: Bearer <token>`; keep it on the device. */
  token: z.string(),
});
export type CitizenSession = z.infer<typeof CitizenSession>;
