import type { ChangePasswordBody, LoginBody, SessionBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export const authApi = {
  session: () => api<SessionBody>('GET', '/auth/session'),
  login: (body: LoginBody) => api<SessionBody>('POST', '/auth/login', { body }),
  logout: () => api<{ ok: true }>('POST', '/auth/logout'),
  changePassword: (body: ChangePasswordBody) => api<{ ok: true }>('POST', '/auth/password', { body }),
};
