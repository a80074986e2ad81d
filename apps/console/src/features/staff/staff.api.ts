import type { CreateStaffUserBody, Page, Role, StaffUser, UpdateStaffUserBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export type StaffQuery = {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role | '';
  agencyId?: string;
};

export const staffApi = {
  list: (query: StaffQuery, signal?: AbortSignal) =>
    api<Page<StaffUser>>('GET', '/staff-users', { query, signal }),
  create: (body: CreateStaffUserBody) => api<StaffUser>('POST', '/staff-users', { body }),
  update: (id: string, body: UpdateStaffUserBody) => api<StaffUser>('PATCH', `/staff-users/${id}`, { body }),
  resetPassword: (id: string, password: string) =>
    api<StaffUser>('POST', `/staff-users/${id}/password`, { body: { password } }),
};
