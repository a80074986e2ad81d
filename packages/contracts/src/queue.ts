import { z } from 'zod';
import { BOOKING_CODE_PATTERN, TICKET_KINDS, TICKET_STATUSES } from './constants.ts';

/** The live queue at a centre: tickets, counters, the display board (bốc số, gọi số). */

export const TicketStatus = z.enum(TICKET_STATUSES);
export const TicketKind = z.enum(TICKET_KINDS);

export const Ticket = z.object({
  /** Unguessable: the citizen's live ticket page is /tickets/{id}. */
  id: z.uuid(),
  display: z.string(),
  centreId: z.uuid(),
  centreName: z.string(),
  fieldId: z.uuid(),
  fieldName: z.string(),
  kind: TicketKind,
  status: TicketStatus,
  priority: z.boolean(),
  /** The counter that called it (while called or after). */
  counterNumber: z.number().int().nullable(),
  createdAt: z.string(),
  calledAt: z.string().nullable(),
  /** The booked slot's start, for tickets from an appointment. */
  slotStartsAt: z.string().nullable(),
  /**
   * Waiting tickets the queue order calls before this one, among the fields sharing a counter with its field
   * (0 when not waiting; 0 while waiting means any counter serving the field calls it next).
   */
  ahead: z.number().int(),
  /** "Sắp đến lượt": waiting with few enough ahead that the person should stay close (the notice's rule). */
  soon: z.boolean(),
  /** From the rolling average service time of the field and the counters serving it; null without history. */
  estimatedWaitMinutes: z.number().int().nullable(),
  /** The booking arrived too late for its slot and was given a walk-in number instead. */
  lateWalkIn: z.boolean(),
  /** Staff sent the person to another field's queue: their new number there (status `transferred`). */
  transferredTo: z.object({ id: z.uuid(), display: z.string(), fieldName: z.string() }).nullable(),
  /**
   * A number taken from the phone, not yet confirmed at the centre: the code to type or scan at the kiosk (null
   * otherwise). Public like the rest of the ticket, whose id is the secret.
   */
  arrivalCode: z.string().nullable(),
  /** The person is known to be at the centre (every ticket but an unconfirmed remote number). */
  confirmed: z.boolean(),
  /** Times the number was called again after its first call. */
  recalls: z.number().int(),
});
export type Ticket = z.infer<typeof Ticket>;

export const CheckInBody = z.object({
  code: z.string().trim().toUpperCase().regex(BOOKING_CODE_PATTERN),
});
export const WalkInBody = z.object({ fieldId: z.uuid() });
export const RemoteTicketBody = z.object({ fieldId: z.uuid() });

/** What a centre offers to "Lấy số từ xa" today, per field. */
export const RemoteToday = z.object({
  centreId: z.uuid(),
  /** The centre is in an opening session now. */
  open: z.boolean(),
  fields: z.array(
    z.object({
      fieldId: z.uuid(),
      fieldName: z.string(),
      letter: z.string(),
      /** Remote numbers still to be given today (0 when the cap is reached). */
      remaining: z.number().int(),
      waiting: z.number().int(),
    }),
  ),
});
export type RemoteToday = z.infer<typeof RemoteToday>;

export const WaitingCount = z.object({
  fieldId: z.uuid(),
  fieldName: z.string(),
  letter: z.string(),
  count: z.number().int(),
});

/** What a TV at the centre shows. */
export const Board = z.object({
  centreId: z.uuid(),
  centreName: z.string(),
  counters: z.array(
    z.object({ number: z.number().int(), name: z.string().nullable(), current: z.string().nullable() }),
  ),
  lastCalls: z.array(z.object({ display: z.string(), counterNumber: z.number().int(), at: z.string() })),
  waiting: z.array(WaitingCount),
  /** Changes with every call (announce when it changes): the board speaks the newest call once. */
  version: z.string(),
});
export type Board = z.infer<typeof Board>;

/** A waiting number as the counter lists it. */
export const WaitingTicket = z.object({
  id: z.uuid(),
  display: z.string(),
  fieldId: z.uuid(),
  kind: TicketKind,
  priority: z.boolean(),
  slotStartsAt: z.string().nullable(),
  confirmed: z.boolean(),
});
export type WaitingTicket = z.infer<typeof WaitingTicket>;

export const CounterState = z.object({
  counter: z.object({
    id: z.uuid(),
    number: z.number().int(),
    name: z.string().nullable(),
    centreId: z.uuid(),
    centreName: z.string(),
    fieldIds: z.array(z.uuid()),
  }),
  current: Ticket.nullable(),
  waiting: z.array(WaitingCount),
  /** The first waiting numbers of the counter's fields in the order its calls would take them. */
  next: z.array(WaitingTicket),
});
export type CounterState = z.infer<typeof CounterState>;

export const CounterSessionBody = z.object({ counterId: z.uuid() });
export const TransferTicketBody = z.object({ fieldId: z.uuid() });
export const PriorityBody = z.object({ priority: z.boolean() });

/** Counters an officer may sign in to: those of the centres of their agency (every centre for admins). */
export const CounterChoice = z.object({
  centreId: z.uuid(),
  centreName: z.string(),
  counters: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      name: z.string().nullable(),
      fieldLetters: z.array(z.string()),
      /** Who works there now (null when free). */
      heldBy: z.string().nullable(),
      mine: z.boolean(),
    }),
  ),
});
export type CounterChoice = z.infer<typeof CounterChoice>;

/**
 * Centres with counters that the officer may not take because they belong to another agency than the
 * officer's: what the console explains when the officer has no counter to choose.
 */
export const CounterElsewhere = z.object({
  /** The officer's own agency (null: the account belongs to none). */
  agencyName: z.string().nullable(),
  centres: z.array(z.object({ centreId: z.uuid(), centreName: z.string(), agencyName: z.string() })),
});
export type CounterElsewhere = z.infer<typeof CounterElsewhere>;

export const QueueStatsQuery = z.object({
  centreId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
});

/** One row per day and field (bookings and tickets) and per day and counter (service). */
export const QueueStats = z.object({
  fields: z.array(
    z.object({
      day: z.string(),
      fieldId: z.uuid(),
      fieldName: z.string(),
      letter: z.string(),
      bookings: z.number().int(),
      cancelled: z.number().int(),
      noShows: z.number().int(),
      tickets: z.number().int(),
      walkIns: z.number().int(),
      served: z.number().int(),
      /** Average minutes from taking the number (or checking in) to being called. */
      avgWaitMinutes: z.number().nullable(),
      avgServiceMinutes: z.number().nullable(),
    }),
  ),
  counters: z.array(
    z.object({
      day: z.string(),
      counterNumber: z.number().int(),
      served: z.number().int(),
      absent: z.number().int(),
      avgServiceMinutes: z.number().nullable(),
    }),
  ),
});
export type QueueStats = z.infer<typeof QueueStats>;
