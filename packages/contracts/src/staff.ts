import { z } from 'zod';
import { Role } from './access.ts';
import { NewPassword, PageQuery, Text } from './common.ts';
import { USERNAME_PATTERN } from './constants.ts';

export const Username = z.string().trim().toLowerCase().regex(USERNAME_PATTERN);

export const StaffUser = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  role: Role,
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** The password was chosen by someone else (generated, or set by an admin): the console asks to change it. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const StaffUserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  agencyId: z.uuid().optional(),
});
export type StaffUserListQuery = z.infer<typeof StaffUserListQuery>;

export const CreateStaffUserBody = z.object({
  username: Username,
  fullName: Text(120),
  role: Role,
  agencyId: z.uuid().nullable().default(null),
  password: NewPassword,
});
export type CreateStaffUserBody = z.infer<typeof CreateStaffUserBody>;

export const UpdateStaffUserBody = z
  .object({
    fullName: Text(120),
    role: Role,
    agencyId: z.uuid().nullable(),
    active: z.boolean(),
  })
  .partial();
export type UpdateStaffUserBody = z.infer<typeof UpdateStaffUserBody>;

export const ResetPasswordBody = z.object({ password: NewPassword });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;
