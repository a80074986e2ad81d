import {
  type CitizenNotificationPage,
  type PageQuery,
  ReportStatus,
  type StaffNotificationPage,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import type { Actor, CitizenPrincipal } from '../../http/access.ts';
import { publicTextOrNull } from '../../shared/public-text.ts';
import { reportNotificationRepository as repo } from './report-notifications.repository.ts';

/**
 * Notifications about reports. Public events are queued in the outbox by the transaction that makes them;
 * `deliverPending` (the deliver-report-notifications job) turns each into an in-app notification for the
 * reporter and the followers. Zalo delivery will read the same notifications (issue: Zalo Mini App).
 */
export function createReportNotificationService(deps: { db: Executor; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /** Delivers up to `limit` queued events; safe to run concurrently and twice. Returns how many were handled. */
    async deliverPending(limit = 200): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const batch = await repo.pending(trx, limit);
        const now = clock.now();
        for (const item of batch) {
          const citizens = await repo.recipients(trx, item.report_id);
          await repo.insertCitizenNotifications(
            trx,
            citizens.map((citizen_id) => ({
              citizen_id,
              report_id: item.report_id,
              event_id: item.event_id,
              created_at: now,
            })),
          );
          await repo.markProcessed(trx, item.id, now);
        }
        return batch.length;
      });
    },

    async forCitizen(citizen: CitizenPrincipal, page: PageQuery): Promise<CitizenNotificationPage> {
      const { rows, total, unread } = await repo.listForCitizen(db, citizen.citizenId, page);
      return {
        items: rows.map((r) => {
          const status = ReportStatus.safeParse(r.to_status);
          return {
            id: r.id,
            reportCode: r.code,
            kind: r.queue_kind ?? r.event_kind ?? 'note',
            ticketId: r.ticket_id,
            ticketDisplay: r.display,
            counterNumber: r.counter_number,
            status: status.success ? status.data : null,
            // A follower is the public: an officer's note may quote the reporter.
            note: r.mine ? r.note : publicTextOrNull(r.note),
            createdAt: r.created_at.toISOString(),
            read: r.read_at !== null,
            mine: Boolean(r.mine),
          };
        }),
        total,
        unread,
        page: page.page,
        pageSize: page.pageSize,
      };
    },

    markCitizenRead(citizen: CitizenPrincipal): Promise<void> {
      return repo.markCitizenRead(db, citizen.citizenId, clock.now());
    },

    async forStaff(actor: Actor, page: PageQuery): Promise<StaffNotificationPage> {
      const { rows, total, unread } = await repo.listForStaff(db, actor.userId, page);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          reportCode: r.code,
          createdAt: r.created_at.toISOString(),
          read: r.read_at !== null,
        })),
        total,
        unread,
        page: page.page,
        pageSize: page.pageSize,
      };
    },

    markStaffRead(actor: Actor): Promise<void> {
      return repo.markStaffRead(db, actor.userId, clock.now());
    },
  };
}
export type ReportNotificationService = ReturnType<typeof createReportNotificationService>;
