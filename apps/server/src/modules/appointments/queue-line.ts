import type { Executor } from '../../db/executor.ts';
import { queueRepository as repo, type WaitingRow } from './queue.repository.ts';
import { afterCall, aheadOfEach, callOrder, type InterleaveState, type Waiting } from './queue-order.ts';

/** "Sắp đến lượt": at most this many people ahead. */
export const SOON_AHEAD = 3;

export type InLine = WaitingRow & Waiting & { fieldId: string };

const inLine = (r: WaitingRow): InLine => ({
  ...r,
  fieldId: r.field_id,
  createdAt: r.created_at,
  slotStartsAt: r.slot_starts_at,
});

/**
 * Where each of a centre's waiting tickets stands today: how many the queue order (queue-order.ts) puts before
 * it. The same order call-next takes (`takeNext`), so what people are told is what happens.
 */
export async function positions(db: Executor, centreId: string, day: string, now: Date) {
  const [rows, counterFields, state] = await Promise.all([
    repo.waiting(db, centreId, day),
    repo.counterFields(db, centreId),
    repo.interleaveState(db, centreId, day),
  ]);
  const waiting = rows.map(inLine);
  return { waiting, ahead: aheadOfEach(waiting, counterFields, state, now) };
}

export type QueuePositions = typeof positions;

/** The waiting tickets of these fields in the order a counter serving exactly them would call them. */
export async function lineOf(db: Executor, centreId: string, fieldIds: string[], day: string, now: Date) {
  const [rows, state] = await Promise.all([
    repo.waiting(db, centreId, day, fieldIds),
    repo.interleaveState(db, centreId, day),
  ]);
  return callOrder(rows.map(inLine), state, now);
}

/**
 * In the caller's transaction: takes the head of the order among these fields for a call and moves the
 * interleave state on. The centre's state row is locked first, so calls at one centre follow one another and
 * each sees the last one's result; the ticket itself is locked with SKIP LOCKED, so if another transaction
 * holds it (a priority flag being set) the next one in the order is taken rather than waiting. Returns the
 * ticket taken, and the centre's queue after it (for the notices).
 */
export async function takeNext(
  trx: Executor,
  centreId: string,
  fieldIds: string[],
  day: string,
  interleave: number,
  now: Date,
) {
  const appointmentsInRow = await repo.appointmentsInRow(trx, centreId, day);
  const state = { appointmentsInRow, interleave };
  const all = (await repo.waiting(trx, centreId, day)).map(inLine);
  const order = callOrder(
    all.filter((t) => fieldIds.includes(t.fieldId)),
    state,
    now,
  );
  for (const t of order) {
    if (!(await repo.lockWaiting(trx, t.id))) continue;
    const next = afterCall(state, t, now);
    if (next.appointmentsInRow !== appointmentsInRow)
      await repo.setAppointmentsInRow(trx, centreId, day, next.appointmentsInRow);
    return { called: t, after: { waiting: all.filter((w) => w.id !== t.id), state: next } };
  }
  return undefined;
}

/**
 * After a call, in its transaction: the called citizen is told, and so is everyone now SOON_AHEAD or fewer
 * places from the front (once per ticket and kind; walk-ins at the kiosk are anonymous).
 */
export async function notifyAfterCall(
  trx: Executor,
  centreId: string,
  called: { id: string; citizen_id: string | null },
  after: { waiting: InLine[]; state: InterleaveState },
  now: Date,
) {
  const ahead = aheadOfEach(after.waiting, await repo.counterFields(trx, centreId), after.state, now);
  await repo.notify(trx, [
    ...(called.citizen_id
      ? [
          {
            citizen_id: called.citizen_id,
            ticket_id: called.id,
            kind: 'queue_called' as const,
            created_at: now,
          },
        ]
      : []),
    ...after.waiting.flatMap((t) =>
      t.citizen_id && (ahead.get(t.id) ?? Number.POSITIVE_INFINITY) <= SOON_AHEAD
        ? [{ citizen_id: t.citizen_id, ticket_id: t.id, kind: 'queue_soon' as const, created_at: now }]
        : [],
    ),
  ]);
}
