import type {
  AcceptBody,
  Assignee,
  BulkAcceptResult,
  NoteBody,
  Page,
  PublishBody,
  RejectBody,
  ReportStatus,
  StaffNotificationPage,
  StaffReport,
  StaffReportSummary,
  TransferBody,
} from '@dltt/contracts';
import { api, apiUrl } from '../../app/api.ts';

export type ReportSort = 'deadline' | 'newest';

/** The inbox's filters as the server takes them; empty strings are left out of the query. */
export type ReportListQuery = {
  page: number;
  pageSize: number;
  status?: ReportStatus | '';
  categoryId?: string;
  communeCode?: string;
  agencyId?: string;
  assignedOfficerId?: string;
  overdue?: 'true' | '';
  q?: string;
  sort: ReportSort;
};

const path = (code: string, action = '') => `/staff/reports/${encodeURIComponent(code)}${action}`;

export const reportsApi = {
  list: (query: ReportListQuery, signal?: AbortSignal) =>
    api<Page<StaffReportSummary>>('GET', '/staff/reports', { query, signal }),
  get: (code: string, signal?: AbortSignal) => api<StaffReport>('GET', path(code), { signal }),
  accept: (code: string, body: AcceptBody) => api<StaffReport>('POST', path(code, '/accept'), { body }),
  start: (code: string, body: { note?: string }) => api<StaffReport>('POST', path(code, '/start'), { body }),
  resolve: (code: string, body: { publicAnswer: string }) =>
    api<StaffReport>('POST', path(code, '/resolve'), { body }),
  reject: (code: string, body: RejectBody) => api<StaffReport>('POST', path(code, '/reject'), { body }),
  publish: (code: string, body: PublishBody) => api<StaffReport>('POST', path(code, '/publish'), { body }),
  return: (code: string, body: { note: string }) => api<StaffReport>('POST', path(code, '/return'), { body }),
  transfer: (code: string, body: TransferBody) => api<StaffReport>('POST', path(code, '/transfer'), { body }),
  assign: (code: string, officerId: string | null) =>
    api<StaffReport>('POST', path(code, '/assign'), { body: { officerId } }),
  note: (code: string, body: NoteBody) => api<StaffReport>('POST', path(code, '/notes'), { body }),
  /** The inbox's live stream (EventSource; the session cookie authorises it). */
  streamUrl: (since?: string) => apiUrl('/staff/reports/stream', since ? { since } : undefined),
  bulkAccept: (codes: string[]) =>
    api<BulkAcceptResult>('POST', '/staff/reports/bulk-accept', { body: { codes } }),
  addPhoto: (code: string, file: File) => api<StaffReport>('POST', path(code, '/photos'), { file }),
  removePhoto: (code: string, photoId: string) =>
    api<StaffReport>('DELETE', path(code, `/photos/${encodeURIComponent(photoId)}`)),
  assignees: (code: string, signal?: AbortSignal) =>
    api<Assignee[]>('GET', path(code, '/assignees'), { signal }),
};

/** A report photo for <img src> (the session cookie authorises it). */
export function photoUrl(photoId: string, size: 'full' | 'thumb'): string {
  return apiUrl(`/staff/report-photos/${encodeURIComponent(photoId)}/${size}`);
}

export const notificationsApi = {
  list: (query: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api<StaffNotificationPage>('GET', '/staff/notifications', { query, signal }),
  markAllRead: () => api<{ ok: true }>('POST', '/staff/notifications/read', { body: {} }),
};
