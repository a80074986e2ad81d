import type {
  Category,
  Commune,
  MyReport,
  NearbyReport,
  Page,
  PublicReport,
  ReportStatus,
  SubmitReportBody,
  UploadedPhoto,
} from '@dltt/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError, apiGet, errorFromResponse, languageHeaders } from '../../app/api.ts';
import { useRequest } from '../../app/useRequest.ts';
import {
  citizenGet,
  citizenPost,
  storedCitizenToken,
  withCitizenToken,
} from '../../lib/session/citizen-session.ts';

async function fetchCategories(signal: AbortSignal): Promise<Category[]> {
  const categories = await apiGet<Category[]>('/categories', { signal });
  return categories.filter((c) => c.active).sort((a, b) => a.sortOrder - b.sortOrder);
}

let englishNames: Promise<Map<string, string>> | undefined;

/** English category names by id, fetched once per visit (inactive categories included: old reports use them). */
function englishCategoryNames(): Promise<Map<string, string>> {
  englishNames ??= apiGet<Category[]>('/categories')
    .then((list) => new Map(list.map((c) => [c.id, c.nameEn])))
    .catch((error: unknown) => {
      englishNames = undefined;
      throw error;
    });
  return englishNames;
}

/**
 * A report's category in the reader's language. Reports carry the Vietnamese name; English readers get the
 * English one from the category list (fetched only for them; until it arrives, or if it fails, the Vietnamese).
 */
export function useCategoryLabel(): (report: { categoryId: string; categoryName: string }) => string {
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!english) return;
    let live = true;
    englishCategoryNames().then(
      (map) => {
        if (live) setNames(map);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [english]);
  return (report) => (english && names?.get(report.categoryId)) || report.categoryName;
}

/** The categories a citizen can file a report under, in display order. */
export function useCategories() {
  return useRequest(fetchCategories);
}

async function fetchCommunes(signal: AbortSignal): Promise<Commune[]> {
  const communes = await apiGet<Commune[]>('/communes', { signal });
  return communes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Communes and wards of the province, by name. */
export function useCommunes() {
  return useRequest(fetchCommunes);
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
};

const byCode = (code: string) => encodeURIComponent(code);

// --- Sending a report -------------------------------------------------------------------------------------

/** Photos travel as they are (the server re-encodes them); a slow 3G upload of a 10 MB photo needs minutes. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * Uploads one photo (raw bytes) and reports progress from 0 to 1. XMLHttpRequest because fetch cannot tell
 * how much of a request body has been sent.
 */
export function uploadPhoto(
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedPhoto> {
  return withCitizenToken(
    (token) =>
      new Promise<UploadedPhoto>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${API_BASE}/report-photos`);
        xhr.timeout = UPLOAD_TIMEOUT_MS;
        xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
        xhr.setRequestHeader('accept', 'application/json');
        for (const [name, value] of Object.entries(languageHeaders())) xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
        };
        xhr.onload = () => {
          let body: unknown;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = undefined;
          }
          if (xhr.status >= 200 && xhr.status < 300 && body !== undefined) resolve(body as UploadedPhoto);
          else reject(errorFromResponse(xhr.status, body));
        };
        xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', 'Upload failed'));
        xhr.ontimeout = () => reject(new ApiError('TIMEOUT', 'Upload timed out'));
        xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
        signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      }),
  );
}

/** Files the report; the same key always yields the same report (201 the first time, 200 on a replay). */
export function submitReport(body: SubmitReportBody, idempotencyKey: string): Promise<MyReport> {
  return citizenPost<MyReport>('/reports', body, {
    headers: { 'idempotency-key': idempotencyKey },
    timeoutMs: 30_000,
  });
}

/** Open reports of the category within about 200 m (last 30 days): "is it one of these?" */
export function fetchNearby(
  categoryId: string,
  location: { lat: number; lng: number },
  signal?: AbortSignal,
): Promise<NearbyReport[]> {
  return citizenGet<NearbyReport[]>(
    `/reports/nearby?${query({ categoryId, lat: location.lat, lng: location.lng })}`,
    { signal },
  );
}

export function followReport(code: string): Promise<{ ok: true }> {
  return citizenPost<{ ok: true }>(`/reports/${byCode(code)}/follow`);
}

// --- My reports -------------------------------------------------------------------------------------------

const emptyPage = <T>(pageSize: number): Page<T> => ({ items: [], total: 0, page: 1, pageSize });

/** A device that never sent anything has no identity yet and nothing to list: no request, no new identity. */
export async function fetchMyReports(page: number, pageSize: number, signal?: AbortSignal) {
  if (!(await storedCitizenToken())) return emptyPage<MyReport>(pageSize);
  return citizenGet<Page<MyReport>>(`/me/reports?${query({ page, pageSize })}`, { signal });
}

export async function fetchFollowedReports(page: number, pageSize: number, signal?: AbortSignal) {
  if (!(await storedCitizenToken())) return emptyPage<PublicReport>(pageSize);
  return citizenGet<Page<PublicReport>>(`/me/followed-reports?${query({ page, pageSize })}`, { signal });
}

/** One followed report (open or published); one no longer followed falls back to the public result. */
export async function fetchFollowedReport(code: string, signal?: AbortSignal): Promise<PublicReport> {
  try {
    return await citizenGet<PublicReport>(`/me/followed-reports/${byCode(code)}`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'REPORT_NOT_FOUND')
      return fetchPublicReport(code, signal);
    throw error;
  }
}

export function fetchMyReport(code: string, signal?: AbortSignal): Promise<MyReport> {
  return citizenGet<MyReport>(`/me/reports/${byCode(code)}`, { signal });
}

export function rateReport(code: string, rating: number): Promise<MyReport> {
  return citizenPost<MyReport>(`/me/reports/${byCode(code)}/rating`, { rating });
}

export function reportNotFixed(code: string, note: string): Promise<MyReport> {
  return citizenPost<MyReport>(`/me/reports/${byCode(code)}/not-fixed`, { note });
}

/** The address of one of my photos; it needs the bearer token, so it is fetched as a blob (see PrivatePhoto / useObjectUrl in app/useRequest.ts). */
export const myPhotoPath = (id: string, size: 'full' | 'thumb') => `/me/report-photos/${id}/${size}`;

// --- Published results ------------------------------------------------------------------------------------

export interface PublicFilters {
  categoryId?: string | undefined;
  communeCode?: string | undefined;
  status?: ReportStatus | undefined;
}

/** The filters plus, for the map, the visible area as `minLng,minLat,maxLng,maxLat`. */
export interface PublicQuery extends PublicFilters {
  bbox?: string | undefined;
}

export function fetchPublicReports(
  filters: PublicQuery,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<PublicReport>> {
  return apiGet<Page<PublicReport>>(`/public/reports?${query({ ...filters, page, pageSize })}`, { signal });
}

export function fetchPublicReport(code: string, signal?: AbortSignal): Promise<PublicReport> {
  return apiGet<PublicReport>(`/public/reports/${byCode(code)}`, { signal });
}

/** A plain URL for <img src>: public photos need no token. */
export const publicPhotoUrl = (id: string, size: 'full' | 'thumb') =>
  `${API_BASE}/public/report-photos/${id}/${size}`;
