import { createHash } from 'node:crypto';
import {
  FEEDBACK_DAYS,
  type MyReport,
  type Page,
  type PageQuery,
  type SubmitReportBody,
} from '@dltt/contracts';
import { sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import { DELIVER_NOTIFICATIONS_JOB } from '../../jobs/names.ts';
import type { JobTrigger } from '../../jobs/trigger.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { CategoryRepository } from '../categories/categories.repository.ts';
import type { CommuneRepository } from '../communes/communes.repository.ts';
import { reportHandlingRepository } from './report-handling.repository.ts';
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

/** A filed report: `report` is its reporter's view when this call created it. */
interface Filed {
  id: string;
  created: boolean;
  report: MyReport | null;
}

/** A GPS fix worse than this is not trusted; the citizen waits for a better one or places the pin. */
export const MAX_GPS_ACCURACY_M = 100;

const VN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });
const yearInVietnam = (d: Date) => Number(VN_YEAR.format(d));

export function createReportService(deps: {
  db: Executor;
  clock: Clock;
  calendar: CalendarService;
  jobs: JobTrigger;
  /** A published result was rated or reopened: public caches drop what they hold. */
  publicChanged: () => void;
  /** Reports of these agencies were filed or changed: their open inboxes re-read. */
  inboxChanged: (agencyIds: readonly string[]) => void;
  categoryRepository: Pick<CategoryRepository, 'findById'>;
  communeRepository: Pick<CommuneRepository, 'hasBoundaries'>;
}) {
  const { db, clock, calendar, jobs, publicChanged, inboxChanged, categoryRepository, communeRepository } =
    deps;

  /** Tells the report's inboxes; a failed look-up costs a live refresh, never the citizen's answer. */
  async function tellInbox(reportId: string): Promise<void> {
    const agencyId = await reportRepository.agencyOf(db, reportId).catch(() => undefined);
    if (agencyId) inboxChanged([agencyId]);
  }

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

  /** Finds the report already filed under this key: the same one if the content matches, an error if not. */
  function replayed(existing: { id: string; request_hash: string }, hash: string): Filed {
    if (existing.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { id: existing.id, created: false, report: null };
  }

  /**
   * Files a report, exactly once per (citizen, key), in one database call (reportRepository.submit): a retry
   * gets the report already filed, a concurrent retry waits for the first attempt's photos and then gets its
   * report, and a refused submission writes nothing and takes no reference number. Used by the app and Open311.
   */
  async function fileOnce(citizenId: string, key: string, input: NewReport): Promise<Filed> {
    const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const { location } = input;
    const byBoundaries = location.source !== 'address' && (await hasBoundaries());
    const inaccurate = location.source === 'gps' && (location.accuracy ?? Infinity) > MAX_GPS_ACCURACY_M;
    if (inaccurate || (!byBoundaries && !input.communeCode)) {
      // Refused without asking the database, unless this is a retry of a report already filed (answered as
      // before) or the category is wrong (reported first, as before).
      const existing = await reportRepository.findByIdempotencyKey(db, citizenId, key);
      if (existing) return replayed(existing, hash);
      const refusal = await categoryRefusal(input.categoryId);
      if (refusal) throw refusal;
      throw new AppError(inaccurate ? 'LOCATION_TOO_INACCURATE' : 'COMMUNE_REQUIRED');
    }
    const now = clock.now();
    // Undefined for an unknown category, which file_report refuses anyway.
    const due = await calendar.reportDeadlinesFor(db, now, input.categoryId, 'normal');
    const outcome = await reportRepository.submit(db, {
      citizenId,
      idempotencyKey: key,
      requestHash: hash,
      categoryId: input.categoryId,
      communeCode: byBoundaries ? null : input.communeCode,
      photoIds: input.photoIds,
      description: input.description,
      address: input.address,
      location,
      contactPhone: input.contactPhone,
      hideIdentity: input.hideIdentity,
      acceptDueAt: due?.acceptDueAt ?? null,
      resolveDueAt: due?.resolveDueAt ?? null,
      ...(input.client ? { client: input.client } : {}),
      now,
      year: yearInVietnam(now),
    });
    if (outcome.report) {
      await tellInbox(outcome.report.id);
      const timeline = [{ at: now, kind: 'submitted', to_status: 'submitted', note: null }];
      return {
        id: outcome.report.id,
        created: true,
        report: presentMyReport(outcome.report, timeline, outcome.photos, now),
      };
    }
    if (outcome.existing) return replayed(outcome.existing, hash);
    // Nothing was filed. A retry of a report already filed under this key gets that report (its photos are
    // attached to it, or its key was taken by a concurrent attempt); otherwise say why, in the order the checks
    // were always made.
    const existing = await reportRepository.findByIdempotencyKey(db, citizenId, key);
    if (existing) return replayed(existing, hash);
    // The identity was merged into another one (its tokens revoked) while this request ran.
    if (!outcome.citizenOk) throw new AppError('CITIZEN_UNAUTHENTICATED');
    if (!outcome.categoryOk)
      throw (await categoryRefusal(input.categoryId)) ?? new AppError('CATEGORY_INACTIVE');
    if (!outcome.placeOk)
      throw new AppError(byBoundaries ? 'LOCATION_OUTSIDE_PROVINCE' : 'COMMUNE_NOT_FOUND');
    // The seed always creates the dispatcher; without one the province is misconfigured.
    if (!outcome.routeOk) throw new Error('No active dispatcher agency: reports cannot be routed');
    if (!outcome.photosOk) throw new AppError('PHOTOS_INVALID');
    throw new Error('report not filed although every check passed');
  }

  /** Why a category takes no reports (unknown or inactive); null when it takes them. */
  async function categoryRefusal(categoryId: string): Promise<AppError | null> {
    const category = await categoryRepository.findById(db, categoryId);
    if (!category) return new AppError('CATEGORY_NOT_FOUND');
    return category.active ? null : new AppError('CATEGORY_INACTIVE');
  }

  const service = {
    /** Files a citizen's report from the app (idempotent per Idempotency-Key); see fileOnce. */
    async submit(
      citizen: CitizenPrincipal,
      key: string,
      body: SubmitReportBody,
    ): Promise<{ report: MyReport; created: boolean }> {
      const { id, created, report } = await fileOnce(citizen.citizenId, key, body);
      // A new report is answered from what filing returned; a replay reads the report as it is now.
      return { report: report ?? (await load(citizen.citizenId, id)), created };
    },

    /** This year's and the next two years' reference-number sequences exist (daily job). */
    ensureNumberSequences(): Promise<void> {
      const year = yearInVietnam(clock.now());
      return reportRepository.ensureSequences(db, [year, year + 1, year + 2]);
    },

    /** Files a report for an API client (Open311); returns its reference code. */
    async submitForClient(citizenId: string, key: string, input: NewReport): Promise<string> {
      const { id, report } = await fileOnce(citizenId, key, input);
      if (report) return report.code;
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
        // The citizen says the result did not hold: the agency's managers hear it, and the officer who handled it.
        const managers = await reportHandlingRepository.staffWithRoles(
          trx,
          ['agency_manager'],
          ctx.agency_id,
        );
        const to = [...new Set([...managers, ...(ctx.assigned_officer_id ? [ctx.assigned_officer_id] : [])])];
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
    const reportId = await db.transaction().execute(async (trx) => {
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
      return row.id;
    });
    jobs.fire(DELIVER_NOTIFICATIONS_JOB);
    publicChanged();
    await tellInbox(reportId);
    return service.mineByCode(citizen, code);
  }
  return service;
}
export type ReportService = ReturnType<typeof createReportService>;
