import type { Permission, ReportStatus, Role, StaffReportAction } from '@dltt/contracts';
import { roleHas } from '@dltt/contracts';
import { AWAITING_ACCEPTANCE_STATUSES, OPEN_REPORT_STATUSES } from '@dltt/contracts/constants';

/**
 * The report workflow in one table: which status each staff action starts from and leads to, and the permission
 * it needs. Services apply a transition with one conditional UPDATE (`WHERE status IN from`), so two officers
 * clicking at once cannot both succeed.
 *
 *   submitted -> accepted -> in_progress -> resolved -> published
 *        \________\___________\-> rejected      ^  \-> in_progress (returned by the dispatcher)
 *   published -> reopened (the reporter: "not fixed") -> accepted | in_progress | resolved
 */
export const TRANSITIONS = {
  accept: { from: ['submitted', 'reopened'], to: 'accepted', permission: 'reports.handle' },
  start: { from: ['accepted', 'reopened'], to: 'in_progress', permission: 'reports.handle' },
  resolve: { from: ['accepted', 'in_progress', 'reopened'], to: 'resolved', permission: 'reports.handle' },
  reject: { from: ['submitted', 'accepted', 'reopened'], to: 'rejected', permission: 'reports.handle' },
  publish: { from: ['resolved'], to: 'published', permission: 'reports.publish' },
  return: { from: ['resolved'], to: 'in_progress', permission: 'reports.publish' },
  transfer: {
    from: ['submitted', 'accepted', 'in_progress', 'reopened'],
    to: 'submitted',
    permission: 'reports.handle',
  },
} as const satisfies Record<
  string,
  { from: readonly ReportStatus[]; to: ReportStatus; permission: Permission }
>;
export type TransitionAction = keyof typeof TRANSITIONS;

/** Statuses in which the agency is still working (deadlines run, assignment and after-photos are possible), and
 * those in which the accept deadline (not only the resolve one) applies: the contract's, told to the apps too. */
export const OPEN_STATUSES = OPEN_REPORT_STATUSES;
export const AWAITING_ACCEPTANCE = AWAITING_ACCEPTANCE_STATUSES;

const PHOTO_STATUSES: readonly ReportStatus[] = ['accepted', 'in_progress', 'reopened'];

export function canTransition(action: TransitionAction, status: ReportStatus): boolean {
  return (TRANSITIONS[action].from as readonly ReportStatus[]).includes(status);
}

/** The actions a staff member with `role` may take on a report in `status` (agency scope checked before). */
export function availableActions(role: Role, status: ReportStatus): StaffReportAction[] {
  const actions: StaffReportAction[] = [];
  for (const [name, t] of Object.entries(TRANSITIONS) as [
    TransitionAction,
    (typeof TRANSITIONS)[TransitionAction],
  ][]) {
    if (roleHas(role, t.permission) && canTransition(name, status)) actions.push(name);
  }
  const open = (OPEN_STATUSES as readonly ReportStatus[]).includes(status);
  if (open && roleHas(role, 'reports.assign')) actions.push('assign');
  if (PHOTO_STATUSES.includes(status) && roleHas(role, 'reports.handle')) actions.push('addPhoto');
  if (roleHas(role, 'reports.handle')) actions.push('note');
  return actions;
}

/** Whether a report is past the deadline that applies in its status at `now`. */
export function isOverdue(
  r: { status: ReportStatus; accept_due_at: Date | null; resolve_due_at: Date | null },
  now: Date,
): boolean {
  const t = now.getTime();
  if (
    (AWAITING_ACCEPTANCE as readonly ReportStatus[]).includes(r.status) &&
    r.accept_due_at &&
    r.accept_due_at.getTime() < t
  )
    return true;
  return (
    (OPEN_STATUSES as readonly ReportStatus[]).includes(r.status) &&
    r.resolve_due_at !== null &&
    r.resolve_due_at.getTime() < t
  );
}
