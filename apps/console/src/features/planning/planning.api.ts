import type {
  CreatePlanningDatasetBody,
  Page,
  PlanningDataset,
  PlanningEncoding,
  PlanningImport,
  PlanningImportPreview,
  PlanningStatus,
  StartPlanningImportBody,
  UpdatePlanningDatasetBody,
} from '@dltt/contracts';
import { api, uploadFile } from '../../app/api.ts';

export type DatasetQuery = {
  page: number;
  pageSize: number;
  status?: PlanningStatus | '';
  q?: string;
};

const dataset = (id: string) => `/admin/planning/datasets/${encodeURIComponent(id)}`;
const planningImport = (id: string) => `/admin/planning/imports/${encodeURIComponent(id)}`;

/** The content type the server reads a file by (it checks the bytes too): zip for a Shapefile, else GeoJSON. */
export function uploadTypeOf(fileName: string): string {
  return /\.zip$/i.test(fileName) ? 'application/zip' : 'application/geo+json';
}

export const planningApi = {
  list: (query: DatasetQuery, signal?: AbortSignal) =>
    api<Page<PlanningDataset>>('GET', '/admin/planning/datasets', { query, signal }),
  get: (id: string, signal?: AbortSignal) => api<PlanningDataset>('GET', dataset(id), { signal }),
  create: (body: CreatePlanningDatasetBody) =>
    api<PlanningDataset>('POST', '/admin/planning/datasets', { body }),
  update: (id: string, body: UpdatePlanningDatasetBody) =>
    api<PlanningDataset>('PATCH', dataset(id), { body }),
  remove: (id: string) => api<undefined>('DELETE', dataset(id)),
  removeSample: () => api<{ removed: number }>('DELETE', '/admin/planning/sample'),
  imports: (datasetId: string, signal?: AbortSignal) =>
    api<PlanningImport[]>('GET', `${dataset(datasetId)}/imports`, { signal }),
  /** Sends the file as the raw body; `onProgress` gets the share sent (0..1). */
  upload: (datasetId: string, file: File, onProgress: (sent: number) => void, signal?: AbortSignal) =>
    uploadFile<PlanningImport>(`${dataset(datasetId)}/imports`, file, {
      query: { fileName: file.name },
      contentType: uploadTypeOf(file.name),
      onProgress,
      signal,
    }),
  getImport: (id: string, signal?: AbortSignal) => api<PlanningImport>('GET', planningImport(id), { signal }),
  preview: (id: string, encoding: PlanningEncoding | undefined, signal?: AbortSignal) =>
    api<PlanningImportPreview>('GET', `${planningImport(id)}/preview`, { query: { encoding }, signal }),
  start: (id: string, body: StartPlanningImportBody) =>
    api<PlanningImport>('POST', `${planningImport(id)}/start`, { body }),
  cancel: (id: string) => api<PlanningImport>('POST', `${planningImport(id)}/cancel`),
  publish: (id: string) => api<PlanningImport>('POST', `${planningImport(id)}/publish`),
};
