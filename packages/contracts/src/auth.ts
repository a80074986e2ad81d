import { z } from 'zod';
import { StaffUser } from './staff.ts';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionBody = z.object({
  user: StaffUser,
  permissions: z.array(z.string()),
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
});
export type SessionBody = z.infer<typeof SessionBody>;

import { NewPassword } from './common.ts';

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
