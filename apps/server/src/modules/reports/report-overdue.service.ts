import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { reportHandlingRepository as repo } from './report-handling.repository.ts';
import { AWAITING_ACCEPTANCE } from './report-workflow.ts';

/** Past its deadline by this many more working hours (two working days), a report goes up to the dispatcher. */
export const ESCALATION_WORKING_HOURS = 16;

/**
 * The overdue watch (job mark-overdue-reports): a report past its deadline is marked and the agency's managers
 * (and the officer in charge) are told once; past the second threshold the dispatchers are told once more.
 * Each step is a conditional UPDATE, so the job can run twice or concurrently without notifying twice.
 */
export function createReportOverdueService(deps: { db: Executor; clock: Clock; calendar: CalendarService }) {
  const { db, clock, calendar } = deps;
  return {
    async run(): Promise<{ overdue: number; escalated: number }> {
      const now = clock.now();
      const overdue = await db.transaction().execute(async (trx) => {
        const marked = await repo.markOverdue(trx, now);
        for (const r of marked) {
          const managers = await repo.staffWithRoles(trx, ['agency_manager'], r.agency_id);
          const to = new Set([...managers, ...(r.assigned_officer_id ? [r.assigned_officer_id] : [])]);
          await repo.notifyStaff(
            trx,
            [...to].map((id) => ({ staff_user_id: id, report_id: r.id, kind: 'overdue' as const })),
          );
          await repo.insertEvent(trx, {
            report_id: r.id,
            at: now,
            actor_type: 'system',
            actor_id: null,
            kind: 'overdue',
            visibility: 'internal',
          });
        }
        return marked.length;
      });

      let escalated = 0;
      for (const r of await repo.escalationCandidates(db)) {
        const awaiting = (AWAITING_ACCEPTANCE as readonly string[]).includes(r.status);
        const missed = awaiting && r.accept_due_at ? r.accept_due_at : r.resolve_due_at;
        if (!missed) continue;
        const threshold = await calendar.dueDate(db, missed, ESCALATION_WORKING_HOURS);
        if (threshold.getTime() > now.getTime()) continue;
        await db.transaction().execute(async (trx) => {
          if (!(await repo.markEscalated(trx, r.id, now))) return;
          const dispatchers = await repo.staffWithRoles(trx, ['dispatcher'], null);
          await repo.notifyStaff(
            trx,
            dispatchers.map((id) => ({ staff_user_id: id, report_id: r.id, kind: 'escalated' as const })),
          );
          await repo.insertEvent(trx, {
            report_id: r.id,
            at: now,
            actor_type: 'system',
            actor_id: null,
            kind: 'escalated',
            visibility: 'internal',
          });
          escalated += 1;
        });
      }
      return { overdue, escalated };
    },
  };
}
export type ReportOverdueService = ReturnType<typeof createReportOverdueService>;
