import { randomUUID } from 'node:crypto';
import {
  type AcceptBody,
  type Assignee,
  type BulkAcceptResult,
  type InboxPulse,
  type NoteBody,
  type Page,
  type PublishBody,
  type RejectBody,
  roleHas,
  type StaffReport,
  type StaffReportListQuery,
  type StaffReportSummary,
  type TransferBody,
} from '@dltt/contracts';
import { MAX_AFTER_PHOTOS } from '@dltt/contracts/constants';
import type { Updateable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import type { ReportStatusValue, ReportsTable } from '../../db/types.ts';
import { AppError, messageFor } from '../../errors.ts';
import type { ChangeEvents } from '../../events/change-events.ts';
import type { Actor } from '../../http/access.ts';
import { DELIVER_NOTIFICATIONS_JOB } from '../../jobs/names.ts';
import type { JobTrigger } from '../../jobs/trigger.ts';
import type { FileStore } from '../../storage/file-store.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { presentStaffReport, presentStaffReportSummary } from './report-handling.presenter.ts';
import {
  type AgencyScope,
  reportHandlingRepository as repo,
  type StaffReportRow,
} from './report-handling.repository.ts';
import { processPhoto } from './report-photos.image.ts';
import { reportPhotoRepository } from './report-photos.repository.ts';
import { canTransition, OPEN_STATUSES, TRANSITIONS, type TransitionAction } from './report-workflow.ts';

interface EventSpec {
  kind: string;
  note: string | null;
  visibility: 'public' | 'internal';
}

/** What a transition changes besides the status, and what it records on the timeline. */
interface Plan {
  changes: Updateable<ReportsTable>;
  events: EventSpec[];
  notifyStaff?: { userIds: string[]; kind: 'returned' | 'assigned' };
}

export function createReportHandlingService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  calendar: CalendarService;
  files: FileStore;
  jobs: JobTrigger;
  /** Published results may have changed: public caches drop what they hold. */
  publicChanged: () => void;
  /** Reports of these agencies changed: their open inboxes (and the dispatchers') re-read. */
  inboxChanged: (agencyIds: readonly string[]) => void;
  /** Where inboxChanged is heard (keyed by agency id). */
  inboxEvents: Pick<ChangeEvents, 'subscribe'>;
}) {
  const { db, clock, audit, calendar, files, jobs, publicChanged, inboxChanged } = deps;

  function scopeOf(actor: Actor): AgencyScope {
    if (roleHas(actor.role, 'reports.all')) return { kind: 'all' };
    if (!actor.agencyId) throw new AppError('FORBIDDEN');
    return { kind: 'agency', agencyId: actor.agencyId };
  }

  async function findOrThrow(executor: Executor, actor: Actor, code: string): Promise<StaffReportRow> {
    const row = await repo.find(executor, scopeOf(actor), code);
    // Another agency's report is "not found", not "forbidden": its existence is not theirs to know.
    if (!row) throw new AppError('REPORT_NOT_FOUND');
    return row;
  }

  async function present(actor: Actor, row: StaffReportRow): Promise<StaffReport> {
    const [events, photos, reporter] = await Promise.all([
      repo.events(db, row.id),
      reportPhotoRepository.forReports(db, [row.id]),
      repo.reporterContact(db, row.id),
    ]);
    return presentStaffReport(row, reporter, events, photos, actor.role, clock.now());
  }

  async function get(actor: Actor, code: string): Promise<StaffReport> {
    return present(actor, await findOrThrow(db, actor, code));
  }

  /**
   * An officer who accepts or starts a report nobody was assigned to becomes its handler, so the inbox's
   * "Cán bộ xử lý" names who is on it. Managers and the dispatcher assign explicitly.
   */
  function takeOn(actor: Actor, row: StaffReportRow): Updateable<ReportsTable> {
    return actor.role === 'agency_officer' && !row.assigned_officer_id && actor.agencyId === row.agency_id
      ? { assigned_officer_id: actor.userId }
      : {};
  }

  function notAllowed(row: StaffReportRow, action: string): AppError {
    return new AppError('REPORT_TRANSITION_NOT_ALLOWED', { status: row.status, action });
  }

  /**
   * Applies one workflow transition in a transaction: the UPDATE only matches while the report is still in an
   * allowed status and still with the same agency, so of two concurrent clicks exactly one wins.
   */
  async function transition(
    actor: Actor,
    code: string,
    action: TransitionAction,
    plan: (row: StaffReportRow, trx: Executor, now: Date) => Promise<Plan>,
  ): Promise<StaffReport> {
    if (!roleHas(actor.role, TRANSITIONS[action].permission)) throw new AppError('FORBIDDEN');
    const t = TRANSITIONS[action];
    const now = clock.now();
    const touched = await db.transaction().execute(async (trx) => {
      const row = await findOrThrow(trx, actor, code);
      if (!canTransition(action, row.status)) throw notAllowed(row, action);
      const p = await plan(row, trx, now);
      const changed = await repo.transition(trx, row.id, t.from, row.agency_id, {
        ...p.changes,
        status: t.to,
        updated_at: now,
      });
      if (!changed) throw notAllowed(row, action);
      for (const e of p.events) {
        await repo.insertEvent(trx, {
          report_id: row.id,
          at: now,
          actor_type: 'staff',
          actor_id: actor.userId,
          kind: e.kind,
          from_status: row.status,
          to_status: t.to,
          note: e.note,
          visibility: e.visibility,
        });
      }
      if (p.notifyStaff) {
        await repo.notifyStaff(
          trx,
          p.notifyStaff.userIds.map((id) => ({
            staff_user_id: id,
            report_id: row.id,
            kind: p.notifyStaff!.kind,
          })),
        );
      }
      await audit.record(trx, actor, {
        action: `report.${action}`,
        entityType: 'report',
        entityId: row.id,
        before: { code: row.code, status: row.status, agencyId: row.agency_id },
        after: { code: row.code, status: t.to, ...p.changes },
      });
      // A transfer changes two inboxes: the one it leaves and the one it reaches.
      const to = typeof p.changes.agency_id === 'string' ? p.changes.agency_id : row.agency_id;
      return [row.agency_id, to];
    });
    jobs.fire(DELIVER_NOTIFICATIONS_JOB);
    publicChanged();
    inboxChanged(touched);
    if (action !== 'transfer') return get(actor, code);
    // After a transfer the report may be out of the caller's scope: they see the result once, with no actions.
    const row = await repo.find(db, { kind: 'all' }, code);
    if (!row) throw new AppError('REPORT_NOT_FOUND');
    const report = await present(actor, row);
    const scope = scopeOf(actor);
    return scope.kind === 'agency' && scope.agencyId !== row.agency_id ? { ...report, actions: [] } : report;
  }

  /** A change that is not a status transition (assignment, a note, photos), recorded the same way. */
  async function amend(
    actor: Actor,
    code: string,
    action: 'assign' | 'note' | 'photo_add' | 'photo_delete',
    apply: (row: StaffReportRow, trx: Executor, now: Date) => Promise<{ event: EventSpec; after: unknown }>,
  ): Promise<StaffReport> {
    const now = clock.now();
    const agencyId = await db.transaction().execute(async (trx) => {
      const row = await findOrThrow(trx, actor, code);
      const { event, after } = await apply(row, trx, now);
      await repo.insertEvent(trx, {
        report_id: row.id,
        at: now,
        actor_type: 'staff',
        actor_id: actor.userId,
        kind: event.kind,
        note: event.note,
        visibility: event.visibility,
      });
      await audit.record(trx, actor, {
        action: `report.${action}`,
        entityType: 'report',
        entityId: row.id,
        after,
      });
      return row.agency_id;
    });
    jobs.fire(DELIVER_NOTIFICATIONS_JOB);
    inboxChanged([agencyId]);
    return get(actor, code);
  }

  const isOpen = (status: ReportStatusValue) => (OPEN_STATUSES as readonly string[]).includes(status);

  const service = {
    /** What the inbox stream sends: counts of the caller's own scope only. */
    async inboxPulse(actor: Actor, since: string | undefined): Promise<InboxPulse> {
      const at = clock.now();
      const newCount = since ? await repo.countFiledSince(db, scopeOf(actor), new Date(since)) : 0;
      return { at: at.toISOString(), newCount };
    },

    /**
     * Calls `onChange` when reports of the caller's scope are filed or change: an agency's staff hear their
     * own agency only (so a stream never tells of another agency's reports), dispatchers every agency.
     */
    subscribeInbox(actor: Actor, onChange: () => void): () => void {
      const scope = scopeOf(actor);
      return deps.inboxEvents.subscribe((agencyId) => {
        if (scope.kind === 'all' || scope.agencyId === agencyId) onChange();
      });
    },

    async list(actor: Actor, query: StaffReportListQuery): Promise<Page<StaffReportSummary>> {
      const now = clock.now();
      const { rows, total } = await repo.list(
        db,
        scopeOf(actor),
        { ...query, overdue: query.overdue === undefined ? undefined : query.overdue === 'true' },
        now,
      );
      return {
        items: rows.map((r) => presentStaffReportSummary(r, now)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    get,

    accept(actor: Actor, code: string, body: AcceptBody) {
      return transition(actor, code, 'accept', async (row, trx, now) => {
        const changes: Updateable<ReportsTable> = { accepted_at: now, ...takeOn(actor, row) };
        if (body.priority && body.priority !== row.priority) {
          // A new priority sets a new resolution deadline, counted from acceptance.
          const due = await calendar.reportDeadlines(
            trx,
            now,
            { id: row.category_id, default_deadline_hours: row.default_deadline_hours },
            body.priority,
          );
          Object.assign(changes, {
            priority: body.priority,
            resolve_due_at: due.resolveDueAt,
            overdue_notified_at: null,
            escalated_at: null,
          });
        }
        return { changes, events: [{ kind: 'accepted', note: body.note ?? null, visibility: 'public' }] };
      });
    },

    start(actor: Actor, code: string, body: { note?: string | undefined }) {
      return transition(actor, code, 'start', async (row, _trx, now) => ({
        changes: { accepted_at: now, ...takeOn(actor, row) },
        events: [{ kind: 'in_progress', note: body.note ?? null, visibility: 'public' }],
      }));
    },

    resolve(actor: Actor, code: string, body: { publicAnswer: string }) {
      return transition(actor, code, 'resolve', async (row, trx, now) => {
        if (row.requires_after_photo && (await repo.countAfterPhotos(trx, row.id)) === 0)
          throw new AppError('AFTER_PHOTO_REQUIRED');
        return {
          changes: { public_answer: body.publicAnswer, resolved_at: now },
          // The answer becomes public when the dispatcher publishes it; until then only the status shows.
          events: [
            { kind: 'resolved', note: null, visibility: 'public' },
            { kind: 'answer', note: body.publicAnswer, visibility: 'internal' },
          ],
        };
      });
    },

    reject(actor: Actor, code: string, body: RejectBody) {
      return transition(actor, code, 'reject', async (row, trx) => {
        let duplicateOf: string | null = null;
        if (body.reason === 'duplicate') {
          // Only a report the caller may see: another agency's codes are not confirmed to exist.
          const target = body.duplicateOfCode
            ? await repo.find(trx, scopeOf(actor), body.duplicateOfCode)
            : undefined;
          if (!target || target.id === row.id) throw new AppError('DUPLICATE_TARGET_NOT_FOUND');
          duplicateOf = target.id;
        }
        return {
          changes: { rejection_reason: body.reason, duplicate_of: duplicateOf },
          events: [{ kind: 'rejected', note: body.publicNote, visibility: 'public' }],
        };
      });
    },

    publish(actor: Actor, code: string, body: PublishBody) {
      return transition(actor, code, 'publish', async (row, trx, now) => {
        const hidden = [...new Set(body.hiddenPhotoIds)];
        if ((await repo.setHiddenPhotos(trx, row.id, hidden)) !== hidden.length)
          throw new AppError('PHOTO_NOT_OF_REPORT');
        return {
          changes: { published_at: now },
          events: [{ kind: 'published', note: row.public_answer, visibility: 'public' }],
        };
      });
    },

    return(actor: Actor, code: string, body: { note: string }) {
      return transition(actor, code, 'return', async (row, trx) => {
        const to = row.assigned_officer_id
          ? [row.assigned_officer_id]
          : await repo.staffWithRoles(trx, ['agency_manager'], row.agency_id);
        return {
          changes: { resolved_at: null },
          events: [{ kind: 'returned', note: body.note, visibility: 'internal' }],
          notifyStaff: { userIds: to, kind: 'returned' },
        };
      });
    },

    transfer(actor: Actor, code: string, body: TransferBody) {
      return transition(actor, code, 'transfer', async (row, trx, now) => {
        const agency = await repo.findAgency(trx, body.agencyId);
        if (!agency?.active || agency.id === row.agency_id) throw new AppError('TRANSFER_TARGET_INVALID');
        const due = await calendar.reportDeadlines(
          trx,
          now,
          { id: row.category_id, default_deadline_hours: row.default_deadline_hours },
          row.priority,
        );
        return {
          // The new agency gets its own time to accept; the resolution deadline keeps running.
          changes: {
            agency_id: agency.id,
            assigned_officer_id: null,
            accept_due_at: due.acceptDueAt,
            accepted_at: null,
            overdue_notified_at: null,
            escalated_at: null,
          },
          events: [
            { kind: 'transferred', note: null, visibility: 'public' },
            { kind: 'transfer_reason', note: body.reason, visibility: 'internal' },
          ],
        };
      });
    },

    assign(actor: Actor, code: string, officerId: string | null) {
      if (!roleHas(actor.role, 'reports.assign')) throw new AppError('FORBIDDEN');
      return amend(actor, code, 'assign', async (row, trx, now) => {
        if (!isOpen(row.status)) throw notAllowed(row, 'assign');
        if (officerId) {
          const officer = await repo.findStaff(trx, officerId);
          if (!officer?.active || officer.agency_id !== row.agency_id) throw new AppError('ASSIGNEE_INVALID');
          await repo.notifyStaff(trx, [{ staff_user_id: officerId, report_id: row.id, kind: 'assigned' }]);
        }
        await repo.update(trx, row.id, { assigned_officer_id: officerId, updated_at: now });
        return {
          event: { kind: 'assigned', note: null, visibility: 'internal' },
          after: { assignedOfficerId: officerId },
        };
      });
    },

    addNote(actor: Actor, code: string, body: NoteBody) {
      return amend(actor, code, 'note', async () => ({
        event: { kind: 'note', note: body.note, visibility: body.visibility },
        after: { visibility: body.visibility },
      }));
    },

    /** An after-photo from the agency: checked and re-encoded like a citizen's, attached at once. */
    async addPhoto(actor: Actor, code: string, input: Buffer): Promise<StaffReport> {
      const row = await findOrThrow(db, actor, code);
      if (!['accepted', 'in_progress', 'reopened'].includes(row.status)) throw notAllowed(row, 'addPhoto');
      const photo = await processPhoto(input);
      const id = randomUUID();
      const fileKey = `report-photos/${id}.jpg`;
      const thumbKey = `report-photos/${id}-thumb.webp`;
      await files.put(fileKey, photo.full, 'image/jpeg');
      await files.put(thumbKey, photo.thumb, 'image/webp');
      try {
        return await amend(actor, code, 'photo_add', async (current, trx, now) => {
          const count = await repo.countAfterPhotos(trx, current.id);
          if (count >= MAX_AFTER_PHOTOS) throw new AppError('TOO_MANY_PHOTOS');
          await reportPhotoRepository.insert(trx, {
            id,
            report_id: current.id,
            staff_user_id: actor.userId,
            kind: 'after',
            position: count,
            file_key: fileKey,
            thumb_key: thumbKey,
            width: photo.width,
            height: photo.height,
            bytes: photo.full.length,
            created_at: now,
          });
          return {
            event: { kind: 'photo_added', note: null, visibility: 'internal' },
            after: { photoId: id },
          };
        });
      } catch (error) {
        await files.delete(fileKey);
        await files.delete(thumbKey);
        throw error;
      }
    },

    async deletePhoto(actor: Actor, code: string, photoId: string): Promise<StaffReport> {
      let keys: string[] = [];
      const report = await amend(actor, code, 'photo_delete', async (row, trx) => {
        if (!['accepted', 'in_progress', 'reopened'].includes(row.status))
          throw notAllowed(row, 'deletePhoto');
        const photo = await reportPhotoRepository.findById(trx, photoId);
        if (!photo || photo.report_id !== row.id || photo.kind !== 'after')
          throw new AppError('PHOTO_NOT_FOUND');
        await repo.deleteAfterPhoto(trx, photo.id);
        keys = [photo.file_key, photo.thumb_key];
        return { event: { kind: 'photo_deleted', note: null, visibility: 'internal' }, after: { photoId } };
      });
      for (const key of keys) await files.delete(key);
      return report;
    },

    /** Accepts many reports; each succeeds or fails on its own, with the reason. */
    async bulkAccept(actor: Actor, codes: string[]): Promise<BulkAcceptResult> {
      const result: BulkAcceptResult = { accepted: [], failed: [] };
      for (const code of new Set(codes)) {
        try {
          await service.accept(actor, code, {});
          result.accepted.push(code);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          result.failed.push({ code, error: error.code, message: messageFor(error.code, 'vi') });
        }
      }
      return result;
    },

    async assignees(actor: Actor, code: string): Promise<Assignee[]> {
      const row = await findOrThrow(db, actor, code);
      const staff = await repo.assignees(db, row.agency_id);
      return staff.map((s) => ({ id: s.id, fullName: s.full_name, role: s.role }));
    },

    /** A photo's bytes for staff who can see its report (hidden ones included: staff review them). */
    async photoFile(actor: Actor, photoId: string, size: 'full' | 'thumb') {
      const photo = await reportPhotoRepository.findById(db, photoId);
      if (!photo?.report_id) throw new AppError('PHOTO_NOT_FOUND');
      const scope = scopeOf(actor);
      const agencyId = await repo.agencyOfReport(db, photo.report_id);
      if (scope.kind === 'agency' && agencyId !== scope.agencyId) throw new AppError('PHOTO_NOT_FOUND');
      const file = await files.get(size === 'full' ? photo.file_key : photo.thumb_key);
      if (!file) throw new AppError('PHOTO_NOT_FOUND');
      return file;
    },
  };
  return service;
}
export type ReportHandlingService = ReturnType<typeof createReportHandlingService>;
