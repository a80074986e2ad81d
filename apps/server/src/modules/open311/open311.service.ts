import { createHash, randomUUID } from 'node:crypto';
import { VietnamesePhone } from '@dltt/contracts';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import type { ReportStatusValue } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { publicText, publicTextOrNull } from '../../shared/public-text.ts';
import type { CategoryRepository } from '../categories/categories.repository.ts';
import type { CommuneRepository } from '../communes/communes.repository.ts';
import type { ReportService } from '../reports/reports.service.ts';
import { type Open311Value, vnDateTime } from './open311.format.ts';
import { type Open311ReportRow, open311Repository as repo } from './open311.repository.ts';

/** Our workflow seen through Open311's two statuses: closed once the result is published or the report rejected. */
export const OPEN_STATUSES: ReportStatusValue[] = [
  'submitted',
  'accepted',
  'in_progress',
  'reopened',
  'resolved',
];
export const CLOSED_STATUSES: ReportStatusValue[] = ['published', 'rejected'];
const open311Status = (s: ReportStatusValue) => (CLOSED_STATUSES.includes(s) ? 'closed' : 'open');

const MAX_WINDOW_MS = 90 * 86_400_000;
const DEFAULT_LIMIT = 1000;

export const hashKey = (key: string) => createHash('sha256').update(key).digest();

/** Diacritics off, lower case, đ -> d: "Phường Buôn Ma Thuột" and "phuong buon ma thuot" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

export const PostRequestBody = z.looseObject({
  api_key: z.string().optional(),
  service_code: z.string().min(1).max(64),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().trim().max(300).optional(),
  address_id: z.string().max(100).optional(),
  email: z.email().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().trim().max(100).optional(),
  last_name: z.string().trim().max(100).optional(),
  phone: VietnamesePhone.optional(),
  description: z.string().trim().min(1).max(4000),
  media_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type PostRequestBody = z.infer<typeof PostRequestBody>;

export const RequestsQuery = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(500).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))*$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  page_size: z.coerce.number().int().min(1).max(DEFAULT_LIMIT).optional(),
  extensions: z.enum(['true', 'false']).optional(),
});
export type RequestsQuery = z.infer<typeof RequestsQuery>;

export const UpdatesQuery = z.object({
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
});

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Open311 GeoReport v2 over field reports: an adapter, not a second model. Requests are our reports (the reference
 * code is the service_request_id), services our categories; only public fields leave: a report's text, place and
 * photos once its result is published, its status and dates always.
 */
export function createOpen311Service(deps: {
  db: Executor;
  clock: Clock;
  reports: ReportService;
  publicBaseUrl: string;
  provinceCode: string;
  categoryRepository: Pick<CategoryRepository, 'findByCode' | 'list'>;
  communeRepository: Pick<CommuneRepository, 'centreOf' | 'list'>;
}) {
  const { db, clock, reports, publicBaseUrl, provinceCode, categoryRepository, communeRepository } = deps;

  function presentRequest(r: Open311ReportRow, notes?: Open311Value[]): Record<string, Open311Value> {
    const published = r.published_at !== null;
    // The agency's answer and photos only while a reviewed result stands (a reopened report waits for review).
    const result = r.status === 'published';
    const media = r.first_photo_id
      ? `${publicBaseUrl}/api/v1/public/report-photos/${r.first_photo_id}/full`
      : r.media_url;
    return {
      service_request_id: r.code,
      status: open311Status(r.status),
      status_notes: result ? publicTextOrNull(r.public_answer) : null,
      service_name: r.category_name,
      service_code: r.category_code,
      description: published ? publicText(r.description) : null,
      agency_responsible: r.agency_name,
      service_notice: null,
      requested_datetime: vnDateTime(r.created_at),
      updated_datetime: vnDateTime(r.updated_at),
      expected_datetime: vnDateTime(r.resolve_due_at),
      address: published ? publicTextOrNull(r.address_text) : null,
      address_id: null,
      zipcode: null,
      lat: published ? r.lat : null,
      long: published ? r.lng : null,
      media_url: result ? media : null,
      ...(notes ? { notes } : {}),
    };
  }

  async function clientFor(apiKey: string | undefined) {
    if (!apiKey) throw new AppError('API_KEY_INVALID');
    const client = await repo.findClientByKeyHash(db, hashKey(apiKey));
    if (!client || client.revoked_at) throw new AppError('API_KEY_INVALID');
    return client;
  }

  /** attribute[code] / attribute[code][] form fields, checked against the category's definition. */
  async function attributesOf(
    categoryId: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, string | string[]>> {
    const given = new Map<string, string[]>();
    for (const [key, value] of Object.entries(body)) {
      const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
      if (!m?.[1]) continue;
      const raw: unknown[] = Array.isArray(value) ? value : [value];
      // A form gives strings; a JSON body may give anything. Numbers and booleans read as typed, never an object
      // (it would be stored as "[object Object]").
      if (!raw.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
        throw new AppError('ATTRIBUTE_INVALID', {
          attribute: m[1],
          problem: 'not a text, number or list of them',
        });
      const values = raw.map(String);
      given.set(m[1], [...(given.get(m[1]) ?? []), ...values]);
    }
    const defs = await repo.attributes(db, categoryId);
    const out: Record<string, string | string[]> = {};
    for (const code of given.keys()) {
      if (!defs.some((d) => d.code === code))
        throw new AppError('ATTRIBUTE_INVALID', { attribute: code, problem: 'unknown' });
    }
    for (const d of defs) {
      const values = (given.get(d.code) ?? []).filter((v) => v !== '');
      const bad = (problem: string) => new AppError('ATTRIBUTE_INVALID', { attribute: d.code, problem });
      if (values.length === 0) {
        if (d.required) throw bad('required');
        continue;
      }
      const keys = new Set(d.values.map((v) => v.key));
      switch (d.datatype) {
        case 'multivaluelist':
          if (!values.every((v) => keys.has(v))) throw bad('not one of the values');
          out[d.code] = [...new Set(values)];
          continue;
        case 'singlevaluelist':
          if (values.length !== 1 || !keys.has(values[0] as string)) throw bad('not one of the values');
          break;
        case 'number':
          if (values.length !== 1 || !Number.isFinite(Number(values[0]))) throw bad('not a number');
          break;
        case 'datetime':
          if (values.length !== 1 || !z.iso.datetime({ offset: true }).safeParse(values[0]).success)
            throw bad('not an ISO 8601 datetime with zone');
          break;
        default:
          if (values.length !== 1 || (values[0] as string).length > (d.datatype === 'text' ? 4000 : 500))
            throw bad('too long');
      }
      out[d.code] = values[0] as string;
    }
    return out;
  }

  /** A place from lat/long, or the centre of the commune an address names (diacritics ignored). */
  async function locate(body: PostRequestBody) {
    if (body.lat !== undefined && body.long !== undefined) {
      return {
        location: { lat: body.lat, lng: body.long, accuracy: null, source: 'map' as const },
        communeCode: null,
      };
    }
    if (!body.address_string) throw new AppError('LOCATION_REQUIRED');
    const address = ` ${fold(body.address_string)} `;
    const communes = await communeRepository.list(db, provinceCode);
    const named = communes
      .filter((c) => address.includes(` ${fold(c.full_name)} `) || address.includes(` ${fold(c.name)},`))
      .sort((a, b) => b.full_name.length - a.full_name.length)[0];
    const centre = named ? await communeRepository.centreOf(db, named.code) : undefined;
    if (!named || !centre) throw new AppError('ADDRESS_NOT_RECOGNISED');
    return { location: { ...centre, accuracy: null, source: 'address' as const }, communeCode: named.code };
  }

  return {
    /** 403 for a missing, unknown or revoked key; run before the body is validated, as the spec's errors rank. */
    async checkKey(apiKey: unknown): Promise<void> {
      await clientFor(typeof apiKey === 'string' ? apiKey : undefined);
    },

    discovery(): Record<string, Open311Value> {
      const changeset = '2026-11-25T00:00:00+07:00';
      return {
        changeset,
        contact: 'Trung tâm điều phối phản ánh hiện trường tỉnh Đắk Lắk',
        key_service: `${publicBaseUrl}/console/ — a province administrator issues API keys (see docs/OPEN311.md)`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${publicBaseUrl}/open311/v2`,
            changeset,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      };
    },

    async services(): Promise<Record<string, Open311Value>[]> {
      const [categories, withAttributes] = await Promise.all([
        categoryRepository.list(db, { activeOnly: true }),
        repo.categoriesWithAttributes(db),
      ]);
      return categories
        .filter((c) => c.active)
        .map((c) => ({
          service_code: c.code,
          service_name: c.name_vi,
          description: `${c.name_vi} (${c.name_en})`,
          metadata: withAttributes.has(c.id),
          type: 'realtime',
          keywords: c.name_en,
          group: 'Phản ánh hiện trường',
        }));
    },

    async definition(serviceCode: string): Promise<Record<string, Open311Value>> {
      const category = await categoryRepository.findByCode(db, serviceCode);
      if (!category?.active) throw new AppError('SERVICE_NOT_FOUND');
      const attributes = await repo.attributes(db, category.id);
      return {
        service_code: category.code,
        attributes: attributes.map((a) => ({
          variable: true,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: a.datatype_description,
          order: a.sort_order,
          description: a.description,
          values: a.values.map((v) => ({ key: v.key, name: v.name })),
        })),
      };
    },

    /** Files a service request for a client; returns the reference code at once (and a token for it). */
    async create(body: PostRequestBody): Promise<Record<string, Open311Value>[]> {
      const client = await clientFor(body.api_key);
      const category = await categoryRepository.findByCode(db, body.service_code);
      if (!category?.active) throw new AppError('SERVICE_CODE_INVALID');
      const attributes = await attributesOf(category.id, body);
      const { location, communeCode } = await locate(body);
      const name = [body.first_name, body.last_name].filter(Boolean).join(' ') || null;
      const token = randomUUID();
      const code = await reports.submitForClient(client.citizen_id, token, {
        categoryId: category.id,
        photoIds: [],
        location,
        communeCode,
        address: body.address_string ?? null,
        description: body.description,
        contactPhone: body.phone ?? null,
        hideIdentity: true,
        client: {
          apiClientId: client.id,
          token,
          mediaUrl: body.media_url ?? null,
          reporterName: name,
          reporterEmail: body.email ?? null,
          attributes,
        },
      });
      return [{ service_request_id: code, token, service_notice: null, account_id: body.account_id ?? null }];
    },

    async list(query: RequestsQuery): Promise<Record<string, Open311Value>[]> {
      const codes = list(query.service_request_id);
      const now = clock.now();
      let from = query.start_date ? new Date(query.start_date) : undefined;
      let to = query.end_date ? new Date(query.end_date) : undefined;
      if (!codes) {
        if (from && to && to.getTime() - from.getTime() > MAX_WINDOW_MS)
          throw new AppError('DATE_RANGE_TOO_LONG');
        if (from && to && to < from)
          throw new AppError('VALIDATION_FAILED', { start_date: 'after end_date' });
        // The spec's default window: the last 90 days (or 90 days from/until the one date given).
        if (!from && !to) from = new Date(now.getTime() - MAX_WINDOW_MS);
        else if (from && !to) to = new Date(from.getTime() + MAX_WINDOW_MS);
        else if (!from && to) from = new Date(to.getTime() - MAX_WINDOW_MS);
      }
      const statuses = list(query.status)?.flatMap((s) => (s === 'closed' ? CLOSED_STATUSES : OPEN_STATUSES));
      const pageSize = query.page_size ?? DEFAULT_LIMIT;
      const rows = await repo.listReports(db, {
        codes,
        serviceCodes: list(query.service_code),
        statuses,
        from,
        to,
        limit: pageSize,
        offset: ((query.page ?? 1) - 1) * pageSize,
      });
      if (query.extensions !== 'true') return rows.map((r) => presentRequest(r));
      const updates = await repo.publicUpdates(db, { reportIds: rows.map((r) => r.id), limit: 10_000 });
      return rows.map((r) =>
        presentRequest(
          r,
          updates
            .filter((u) => u.report_id === r.id)
            .map((u) => ({
              datetime: vnDateTime(u.at),
              type: u.kind,
              status: u.to_status,
              description: publicTextOrNull(u.note),
            })),
        ),
      );
    },

    async get(code: string, extensions: boolean): Promise<Record<string, Open311Value>[]> {
      const found = await this.list({
        service_request_id: code,
        ...(extensions ? { extensions: 'true' } : {}),
      });
      if (found.length === 0) throw new AppError('REPORT_NOT_FOUND');
      return found;
    },

    async token(token: string): Promise<Record<string, Open311Value>[]> {
      const row = await repo.findReportByToken(db, token);
      if (!row) throw new AppError('TOKEN_NOT_FOUND');
      return [{ service_request_id: row.code, token }];
    },

    /** mySociety's servicerequestupdates: public status changes and notes, oldest first (default: last 90 days). */
    async updates(query: z.infer<typeof UpdatesQuery>): Promise<Record<string, Open311Value>[]> {
      const to = query.end_date ? new Date(query.end_date) : clock.now();
      const from = query.start_date ? new Date(query.start_date) : new Date(to.getTime() - MAX_WINDOW_MS);
      if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw new AppError('DATE_RANGE_TOO_LONG');
      const rows = await repo.publicUpdates(db, { from, to, limit: DEFAULT_LIMIT });
      return rows.map((u) => ({
        update_id: String(u.id),
        service_request_id: u.code,
        status: u.to_status ? open311Status(u.to_status as ReportStatusValue) : null,
        updated_datetime: vnDateTime(u.at),
        description: publicTextOrNull(u.note),
        media_url: null,
      }));
    },
  };
}
export type Open311Service = ReturnType<typeof createOpen311Service>;
