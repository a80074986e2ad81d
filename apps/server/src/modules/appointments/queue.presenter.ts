import type { Board, CounterState, Ticket, WaitingTicket } from '@dltt/contracts';
import type { QueueRepository, TicketRow } from './queue.repository.ts';
import type { InLine } from './queue-line.ts';

type WaitingCountRow = Awaited<ReturnType<QueueRepository['waitingCounts']>>[number];
type CounterRow = NonNullable<Awaited<ReturnType<QueueRepository['counter']>>>;
type BoardCounterRow = Awaited<ReturnType<QueueRepository['boardCounters']>>[number];
type CallRow = Awaited<ReturnType<QueueRepository['lastCalls']>>[number];

/** Where a ticket stands, as the queue service computed it (the same order call-next takes). */
export interface TicketStanding {
  ahead: number;
  soon: boolean;
  estimatedWaitMinutes: number | null;
  /** A booking checked in after its window: it became a walk-in. */
  lateWalkIn: boolean;
}

/** A ticket as its holder, the kiosk and the counter see it; the arrival code only while it is still needed. */
export function presentTicket(row: TicketRow, standing: TicketStanding): Ticket {
  const waiting = row.status === 'waiting';
  return {
    id: row.id,
    display: row.display,
    centreId: row.centre_id,
    centreName: row.centre_name,
    fieldId: row.field_id,
    fieldName: row.field_name,
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    counterNumber: row.counter_number,
    createdAt: row.created_at.toISOString(),
    calledAt: row.called_at?.toISOString() ?? null,
    slotStartsAt: row.slot_starts_at?.toISOString() ?? null,
    ahead: standing.ahead,
    soon: standing.soon,
    estimatedWaitMinutes: standing.estimatedWaitMinutes,
    lateWalkIn: standing.lateWalkIn,
    transferredTo:
      row.transferred_to && row.transferred_display && row.transferred_field_name
        ? {
            id: row.transferred_to,
            display: row.transferred_display,
            fieldName: row.transferred_field_name,
          }
        : null,
    arrivalCode:
      row.kind === 'remote' && row.confirmed_at === null && (waiting || row.status === 'called')
        ? row.code
        : null,
    confirmed: row.kind !== 'remote' || row.confirmed_at !== null,
    recalls: row.recalls,
  };
}

/** How many wait for one field. */
export function presentWaitingCount(w: WaitingCountRow): Board['waiting'][number] {
  return { fieldId: w.id, fieldName: w.name, letter: w.letter, count: Number(w.n) };
}

/** The counter screen: its counter, the ticket at it, how many wait per field it serves and the next in line. */
export function presentCounterState(
  counter: CounterRow,
  fieldIds: string[],
  current: Ticket | null,
  waiting: readonly WaitingCountRow[],
  next: readonly InLine[],
): CounterState {
  return {
    counter: {
      id: counter.id,
      number: counter.number,
      name: counter.name,
      centreId: counter.centre_id,
      centreName: counter.centre_name,
      fieldIds,
    },
    current,
    waiting: waiting.filter((w) => fieldIds.includes(w.id)).map(presentWaitingCount),
    next: next.map(presentWaitingTicket),
  };
}

/** A waiting number as the counter lists it. */
export function presentWaitingTicket(t: InLine): WaitingTicket {
  return {
    id: t.id,
    display: t.display,
    fieldId: t.field_id,
    kind: t.kind,
    priority: t.priority,
    slotStartsAt: t.slot_starts_at?.toISOString() ?? null,
    confirmed: t.kind !== 'remote' || t.confirmed_at !== null,
  };
}

/**
 * The hall board: who is at which counter, the last calls (newest first) and how many wait per field. `version`
 * changes with every call and recall, so the board announces a call once.
 */
export function presentBoard(
  centre: { id: string; name: string },
  counters: readonly BoardCounterRow[],
  calls: readonly CallRow[],
  waiting: readonly WaitingCountRow[],
): Board {
  const latest = calls[0];
  return {
    centreId: centre.id,
    centreName: centre.name,
    counters: counters.map((c) => ({ number: c.number, name: c.name, current: c.display })),
    lastCalls: calls.map((c) => ({
      display: c.display,
      counterNumber: c.number,
      at: c.last_called_at?.toISOString() ?? '',
    })),
    waiting: waiting.map(presentWaitingCount),
    version: latest
      ? `${latest.display}@${latest.number}#${latest.recalls}@${latest.last_called_at?.getTime()}`
      : 'empty',
  };
}
