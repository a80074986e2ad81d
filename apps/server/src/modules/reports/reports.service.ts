import { createHash, randomUUID } from 'node:crypto';
import {
  FEEDBACK_DAYS,
  type MyReport,
  type Page,
  type PageQuery,
  type SubmitReportBody,
} from '@dltt/contracts';
import { sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import type { JobTrigger } from '../../jobs/trigger.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { categoryRepository } from '../categories/categories.repository.ts';
import { communeRepository } from '../communes/communes.repository.ts';
import type { RoutingService } from '../routing/routing.service.ts';
import { reportHandlingRepository } from './report-handling.repository.ts';
import { DELIVER_NOTIFICATIONS_JOB } from './report-handling.service.ts';
import { reportPhotoRepository } from './report-photos.repository.ts';
import { feedbackUntil, presentMyReport } from './reports.presenter.ts';
import { type ReportRow, reportRepository } from './reports.repository.ts';

/** What a new report is made of, from the app (SubmitReportBody) or from an API client. */
export interface NewReport {
  categoryId: string;
  photoIds: string[];
  location: { lat: number; lng: number; accuracy: number | null; source: 'gps' | 'map' | 'address' };
  communeCode: string | null;
  address: string | null;
  description: string;
  contactPhone: string | null;
  hideIdentity: boolean;
  client?: {
    apiClientId: string;
    token: string;
    mediaUrl: string | null;
    reporterName: string | null;
    reporterEmail: string | null;
    attributes: Record<string, string | string[]>;
  };
}

/** A GPS fix worse than this is not trusted; the citizen waits for a better one or places the pin. */
export const MAX_GPS_ACCURACY_M = 100;

const VN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });
const yearInVietnam = (d: Date) => Number(VN_YEAR.format(d));

export function createReportService(deps: {
  db: Executor;
  clock: Clock;
  routing: RoutingService;
  calendar: CalendarService;
  jobs: JobTrigger;
  /** A published result was rated or reopened: public caches drop what they hold. */
  publicChanged: () => void;
}) {
  const { db, clock, routing, calendar, jobs, publicChanged } = deps;

  async function present(row: ReportRow): Promise<MyReport> {
    const [events, photos] = await Promise.all([
      reportRepository.publicEvents(db, row.id),
      reportPhotoRepository.forReports(db, [row.id]),
    ]);
    return presentMyReport(row, events, photos, clock.now());
  }

  async function load(citizenId: string, id: string): Promise<MyReport> {
    const row = await reportRepository.findForCitizen(db, citizenId, { id });
    if (!row) throw new AppError('REPORT_NOT_FOUND');
    return present(row);
  }

  /** Once boundaries are loaded they stay (an import replaces them); until then, ask again each minute. */
  let boundaries: { loaded: boolean; checkedAt: number } = { loaded: false, checkedAt: 0 };
  async function hasBoundaries(): Promise<boolean> {
    if (!boundaries.loaded && Date.now() - boundaries.checkedAt > 60_000)
      boundaries = { loaded: await communeRepository.hasBoundaries(db), checkedAt: Date.now() };
    return boundaries.loaded;
  }

  /** The commune of a report: from the boundaries when they are loaded, else the one given. */
  async function communeOf(input: NewReport): Promise<string> {
    if (input.location.source !== 'address' && (await hasBoundaries())) {
      const code = await communeRepository.findCommuneAt(db, input.location.lng, input.location.lat);
      if (!code) throw new AppError('LOCATION_OUTSIDE_PROVINCE');
      return code;
    }
    if (!input.communeCode) throw new AppError('COMMUNE_REQUIRED');
    if (!(await communeRepository.findByCode(db, input.communeCode))) throw new AppError('COMMUNE_NOT_FOUND');
    return input.communeCode;
  }

  /** Finds the report already filed under this key: the same one if the content matches, an error if not. */
  function replayed(existing: { id: string; request_hash: string }, hash: string) {
    if (existing.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { id: existing.id, created: false };
  }

  /**
   * Files a report, exactly once per (citizen, key): concurrent retries race on a unique constraint, the losers
   * roll back (taking no reference number) and answer with the winner's report. Used by the app and by Open311.
   */
  async function fileOnce(
    citizenId: string,
    key: string,
    input: NewReport,
  ): Promise<{ id: string; created: boolean }> {
    const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const existing = await reportRepository.findByIdempotencyKey(db, citizenId, key);
    if (existing) return replayed(existing, hash);

    const category = await categoryRepository.findById(db, input.categoryId);
    if (!category) throw new AppError('CATEGORY_NOT_FOUND');
    if (!category.active) throw new AppError('CATEGORY_INACTIVE');
    const { location } = input;
    if (location.source === 'gps' && (location.accuracy ?? Infinity) > MAX_GPS_ACCURACY_M) {
      throw new AppError('LOCATION_TOO_INACCURATE');
    }
    const communeCode = await communeOf(input);
    const now = clock.now();
    try {
      const id = await db.transaction().execute(async (trx) => {
        const agencyId = await routing.agencyFor(trx, category.id, communeCode);
        const due = await calendar.reportDeadlines(trx, now, category, 'normal');
        const reportId = await reportRepository.insert(trx, {
          // The reference number is taken last (below): its counter row stays locked until commit, so the
          // shorter that is, the more reports per second the province can take.
          code: `pending-${randomUUID()}`,
          citizen_id: citizenId,
          idempotency_key: key,
          request_hash: hash,
          category_id: category.id,
          commune_code: communeCode,
          agency_id: agencyId,
          description: input.description,
          address_text: input.address,
          lat: location.lat,
          lng: location.lng,
          accuracy_m: location.accuracy,
          location_source: location.source,
          contact_phone: input.contactPhone,
          hide_identity: input.hideIdentity,
          accept_due_at: due.acceptDueAt,
          resolve_due_at: due.resolveDueAt,
          ...(input.client
            ? {
                source: 'open311' as const,
                api_client_id: input.client.apiClientId,
                media_url: input.client.mediaUrl,
                reporter_name: input.client.reporterName,
                reporter_email: input.client.reporterEmail,
                attributes: JSON.stringify(input.client.attributes),
                open311_token: input.client.token,
              }
            : {}),
          created_at: now,
          updated_at: now,
        });
        const attached = await reportPhotoRepository.attach(trx, citizenId, reportId, input.photoIds);
        if (attached !== input.photoIds.length) throw new AppError('PHOTOS_INVALID');
        await reportRepository.insertEvent(trx, {
          report_id: reportId,
          at: now,
          actor_type: 'citizen',
          actor_id: citizenId,
          kind: 'submitted',
          to_status: 'submitted',
          visibility: 'public',
        });
        await reportRepository.assignCode(trx, reportId, yearInVietnam(now));
        return reportId;
      });
      return { id, created: true };
    } catch (error) {
      if (!isUniqueViolation(error, 'reports_idempotency_key')) throw error;
      const winner = await reportRepository.findByIdempotencyKey(db, citizenId, key);
      if (!winner) throw error;
      return replayed(winner, hash);
    }
  }

  const service = {
    /** Files a citizen's report from the app (idempotent per Idempotency-Key); see fileOnce. */
    async submit(
      citizen: CitizenPrincipal,
      key: string,
      body: SubmitReportBody,
    ): Promise<{ report: MyReport; created: boolean }> {
      const { id, created } = await fileOnce(citizen.citizenId, key, body);
      return { report: await load(citizen.citizenId, id), created };
    },

    /** This year's and the next two years' reference-number sequences exist (daily job). */
    ensureNumberSequences(): Promise<void> {
      const year = yearInVietnam(clock.now());
      return reportRepository.ensureSequences(db, [year, year + 1, year + 2]);
    },

    /** Files a report for an API client (Open311); returns its reference code. */
    async submitForClient(citizenId: string, key: string, input: NewReport): Promise<string> {
      const { id } = await fileOnce(citizenId, key, input);
      const row = await reportRepository.findForCitizen(db, citizenId, { id });
      if (!row) throw new AppError('REPORT_NOT_FOUND');
      return row.code;
    },

    async mine(citizen: CitizenPrincipal, page: PageQuery): Promise<Page<MyReport>> {
      const { rows, total } = await reportRepository.listForCitizen(db, citizen.citizenId, page);
      const items = [];
      for (const r of rows) items.push(await present(r));
      return { items, total, page: page.page, pageSize: page.pageSize };
    },

    async mineByCode(citizen: CitizenPrincipal, code: string): Promise<MyReport> {
      const row = await reportRepository.findForCitizen(db, citizen.citizenId, { code });
      if (!row) throw new AppError('REPORT_NOT_FOUND');
      return present(row);
    },

    /** Rates a published result (1-5), once, within the feedback window. */
    rate(citizen: CitizenPrincipal, code: string, rating: number): Promise<MyReport> {
      return feedback(citizen, code, async (_row, _trx, now) => ({
        changes: { rating, rated_at: now, updated_at: now },
        event: { kind: 'rated', note: `${rating}/5`, visibility: 'internal' as const, to_status: null },
      }));
    },

    /**
     * "Chưa được xử lý": reopens a published result to the same agency with fresh deadlines, and tells the
     * officer in charge (or the agency's managers).
     */
    notFixed(citizen: CitizenPrincipal, code: string, note: string): Promise<MyReport> {
      return feedback(citizen, code, async (row, trx, now) => {
        const ctx = await reportRepository.findFeedbackContext(trx, row.id);
        const due = await calendar.reportDeadlines(
          trx,
          now,
          { id: ctx.category_id, default_deadline_hours: ctx.default_deadline_hours },
          ctx.priority,
        );
        const to = ctx.assigned_officer_id
          ? [ctx.assigned_officer_id]
          : await reportHandlingRepository.staffWithRoles(trx, ['agency_manager'], ctx.agency_id);
        await reportHandlingRepository.notifyStaff(
          trx,
          to.map((id) => ({ staff_user_id: id, report_id: row.id, kind: 'reopened' as const })),
        );
        return {
          changes: {
            status: 'reopened',
            reopen_count: sql<number>`reopen_count + 1`,
            accept_due_at: due.acceptDueAt,
            resolve_due_at: due.resolveDueAt,
            accepted_at: null,
            resolved_at: null,
            overdue_notified_at: null,
            escalated_at: null,
            updated_at: now,
          },
          event: { kind: 'reopened', note, visibility: 'public' as const, to_status: 'reopened' },
        };
      });
    },

    /** Follows someone else's report instead of filing a duplicate: its public updates reach me too. */
    async follow(citizen: CitizenPrincipal, code: string): Promise<void> {
      const row = await reportRepository.findByCode(db, code);
      if (!row || row.status === 'rejected') throw new AppError('REPORT_NOT_FOUND');
      if (row.citizen_id === citizen.citizenId) throw new AppError('OWN_REPORT');
      await reportRepository.follow(db, row.id, citizen.citizenId);
    },
  };

  async function feedback(
    citizen: CitizenPrincipal,
    code: string,
    plan: (
      row: ReportRow,
      trx: Executor,
      now: Date,
    ) => Promise<{
      changes: Parameters<typeof reportRepository.applyFeedback>[4];
      event: { kind: string; note: string; visibility: 'public' | 'internal'; to_status: string | null };
    }>,
  ): Promise<MyReport> {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const row = await reportRepository.findForCitizen(trx, citizen.citizenId, { code });
      if (!row) throw new AppError('REPORT_NOT_FOUND');
      if (row.rating !== null) throw new AppError('ALREADY_RATED');
      if (!feedbackUntil(row, now)) throw new AppError('FEEDBACK_NOT_ALLOWED');
      const p = await plan(row, trx, now);
      const windowStart = new Date(now.getTime() - FEEDBACK_DAYS * 86_400_000);
      if (!(await reportRepository.applyFeedback(trx, citizen.citizenId, row.id, windowStart, p.changes)))
        throw new AppError('FEEDBACK_NOT_ALLOWED');
      await reportRepository.insertEvent(trx, {
        report_id: row.id,
        at: now,
        actor_type: 'citizen',
        actor_id: citizen.citizenId,
        kind: p.event.kind,
        from_status: row.status,
        to_status: p.event.to_status,
        note: p.event.note,
        visibility: p.event.visibility,
      });
    });
    jobs.fire(DELIVER_NOTIFICATIONS_JOB);
    publicChanged();
    return service.mineByCode(citizen, code);
  }
  return service;
}
export type ReportService = ReturnType<typeof createReportService>;
