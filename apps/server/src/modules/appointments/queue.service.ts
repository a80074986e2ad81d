import type { Board, CounterState, Ticket } from '@dltt/contracts';
import { roleHas } from '@dltt/contracts';
import QRCode from 'qrcode';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { DELIVER_ZALO_JOB } from '../../jobs/names.ts';
import type { JobTrigger } from '../../jobs/trigger.ts';
import { vietnamDay } from '../../shared/working-time.ts';
import { bookingRepository } from './bookings.repository.ts';
import { centreRepository } from './centres.repository.ts';
import type { CentreService } from './centres.service.ts';
import { presentBoard, presentCounterState, presentTicket } from './queue.presenter.ts';
import { issueTicket, queueRepository as repo, type TicketRow } from './queue.repository.ts';
import type { QueueEvents } from './queue-events.ts';
import { lineOf, notifyAfterCall, positions, SOON_AHEAD, takeNext } from './queue-line.ts';
import { closedReason } from './schedule.ts';

const MINUTE = 60_000;
/** Check-in opens this long before the slot and closes this long after its start; later is a walk-in. */
export const CHECK_IN_OPENS_MS = 30 * MINUTE;
export const CHECK_IN_CLOSES_MS = 15 * MINUTE;

const BOARD_TTL_MS = 30_000;
/** The counter screen lists this many of the next numbers (the counts per field cover the rest). */
const NEXT_LISTED = 20;

/**
 * The live queue: tickets (from a checked-in booking or a walk-in at the kiosk), counters calling them, the
 * board. Every change commits, then tells the board and ticket pages through QueueEvents.
 */
export function createQueueService(deps: {
  db: Executor;
  clock: Clock;
  /** Zalo delivery of the "called" / "soon" notifications starts right after the call commits. */
  jobs: JobTrigger;
  centres: CentreService;
  events: QueueEvents;
  /** Where the citizen app lives: ticket QR codes point to its live ticket page. */
  publicBaseUrl: string;
}) {
  const { db, clock, jobs, centres, events, publicBaseUrl } = deps;

  async function present(row: TicketRow, lateWalkIn = false): Promise<Ticket> {
    const waiting = row.status === 'waiting';
    const ahead = waiting
      ? ((await positions(db, row.centre_id, row.day, clock.now())).ahead.get(row.id) ?? 0)
      : 0;
    let estimate: number | null = null;
    if (waiting) {
      const [avg, counters] = await Promise.all([
        repo.averageServiceMinutes(db, row.field_id),
        repo.servingCounters(db, row.field_id),
      ]);
      if (avg !== null) estimate = Math.ceil(((ahead + 1) * avg) / Math.max(1, counters));
    }
    return presentTicket(row, {
      ahead,
      soon: waiting && ahead <= SOON_AHEAD,
      estimatedWaitMinutes: estimate,
      lateWalkIn,
    });
  }

  async function ticket(id: string, lateWalkIn = false): Promise<Ticket> {
    const row = await repo.findTicket(db, id);
    if (!row) throw new AppError('TICKET_NOT_FOUND');
    return present(row, lateWalkIn);
  }

  async function openToday(centreId: string, now: Date) {
    const today = vietnamDay(now);
    const ctx = await centres.scheduleContext(db, centreId, today, today);
    if (closedReason(today, ctx.sessions, ctx.exceptions, new Set(ctx.closures.keys())) !== null)
      throw new AppError('CENTRE_CLOSED', { day: today });
    return today;
  }

  /** The counter an officer works at, checked against their agency. */
  async function myCounter(actor: Actor) {
    const session = await repo.sessionOf(db, actor.userId);
    if (!session) throw new AppError('COUNTER_NOT_SIGNED_IN');
    const counter = await repo.counter(db, session.counter_id);
    if (!counter) throw new AppError('COUNTER_NOT_FOUND');
    // An officer moved to another agency (or a deactivated counter) loses the counter at once.
    if (!counter.active || (!roleHas(actor.role, 'centres.manage') && counter.agency_id !== actor.agencyId)) {
      await repo.endSession(db, actor.userId);
      throw new AppError('COUNTER_NOT_SIGNED_IN');
    }
    return counter;
  }

  function checkAgency(actor: Actor, agencyId: string) {
    if (!roleHas(actor.role, 'centres.manage') && actor.agencyId !== agencyId)
      throw new AppError('COUNTER_NOT_FOUND');
  }

  async function counterState(actor: Actor): Promise<CounterState> {
    const counter = await myCounter(actor);
    const now = clock.now();
    const day = vietnamDay(now);
    const fieldIds = await repo.counterFieldIds(db, counter.id);
    const [current, waiting, line] = await Promise.all([
      repo.currentAt(db, counter.id),
      repo.waitingCounts(db, counter.centre_id, day),
      lineOf(db, counter.centre_id, fieldIds, day, now),
    ]);
    return presentCounterState(
      counter,
      fieldIds,
      current ? await ticket(current.id) : null,
      waiting,
      line.slice(0, NEXT_LISTED),
    );
  }

  /** Finishes the counter's current ticket (served or absent) in the caller's transaction. */
  async function finishCurrent(
    trx: Executor,
    counterId: string,
    how: 'served' | 'absent',
    now: Date,
  ): Promise<boolean> {
    const current = await repo.currentAt(trx, counterId);
    if (!current) return false;
    await repo.updateTicket(trx, current.id, {
      status: how,
      finished_at: now,
      // Served at the counter: the holder of a remote number did come.
      ...(how === 'served' && current.kind === 'remote' && current.confirmed_at === null
        ? { confirmed_at: now }
        : {}),
    });
    if (how === 'absent' && current.booking_id)
      await bookingRepository.update(trx, current.booking_id, { status: 'no_show' });
    return true;
  }

  /** A remote number's holder is at the centre (kiosk code or counter): confirmed once, the same answer after. */
  async function confirmArrival(
    t: { id: string; centre_id: string; day: string; status: string },
    now: Date,
  ): Promise<Ticket> {
    if (t.day !== vietnamDay(now)) throw new AppError('CHECK_IN_WRONG_DAY');
    if (t.status !== 'waiting' && t.status !== 'called') throw new AppError('REMOTE_TICKET_ENDED');
    await repo.confirm(db, t.id, now);
    events.changed(t.centre_id);
    return ticket(t.id);
  }

  const boards = new Map<string, { board: Promise<Board>; until: number }>();
  // Registered before any stream subscribes, so a stream's re-read after a change never gets the old board.
  events.subscribe((centreId) => boards.delete(centreId));

  const service = {
    ticket: (id: string) => ticket(id),

    /** A QR of the ticket's live page, for the citizen to follow it on a phone. */
    async ticketQrSvg(id: string): Promise<string> {
      const row = await repo.findTicket(db, id);
      if (!row) throw new AppError('TICKET_NOT_FOUND');
      return QRCode.toString(`${publicBaseUrl}/tickets/${row.id}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
    },

    /**
     * Check-in by booking code, at the kiosk or by an officer: from 30 minutes before the slot to 15 minutes after
     * its start. Later arrivals get a walk-in number instead. Checking in twice gives the same ticket.
     */
    async checkIn(centreId: string, code: string, actor: Actor | null): Promise<Ticket> {
      const now = clock.now();
      if (actor) checkAgency(actor, (await centreRepository.find(db, centreId))?.agency_id ?? '');
      const booking = await bookingRepository.find(db, code);
      if (!booking) {
        const remote = await repo.ticketByCode(db, code);
        if (remote?.centre_id === centreId) return confirmArrival(remote, now);
      }
      if (!booking || booking.centre_id !== centreId) throw new AppError('BOOKING_NOT_FOUND');
      const existing = await repo.ticketOfBooking(db, booking.id);
      if (existing) return ticket(existing.id);
      if (booking.status !== 'confirmed') throw new AppError('BOOKING_NOT_ACTIVE');
      const today = vietnamDay(now);
      if (vietnamDay(booking.starts_at) !== today) throw new AppError('CHECK_IN_WRONG_DAY');
      const start = booking.starts_at.getTime();
      if (now.getTime() < start - CHECK_IN_OPENS_MS)
        throw new AppError('CHECK_IN_TOO_EARLY', { from: new Date(start - CHECK_IN_OPENS_MS).toISOString() });
      const late = now.getTime() > start + CHECK_IN_CLOSES_MS;
      const field = await centreRepository.findField(db, booking.field_id);
      if (!field) throw new AppError('FIELD_NOT_FOUND');
      const id = await db.transaction().execute(async (trx) => {
        await bookingRepository.lock(trx, booking.id);
        const again = await repo.ticketOfBooking(trx, booking.id);
        if (again) return again.id;
        await bookingRepository.update(trx, booking.id, { status: 'checked_in' });
        return issueTicket(
          trx,
          field,
          today,
          now,
          late
            ? { kind: 'walk_in', citizen_id: booking.citizen_id }
            : {
                kind: 'appointment',
                booking_id: booking.id,
                slot_starts_at: booking.starts_at,
                citizen_id: booking.citizen_id,
              },
        );
      });
      events.changed(centreId);
      return ticket(id, late);
    },

    /** A walk-in number at the kiosk, for a field, on a day the centre is open. */
    async walkIn(centreId: string, fieldId: string): Promise<Ticket> {
      const now = clock.now();
      const field = await centreRepository.findField(db, fieldId);
      if (!field?.active || field.centre_id !== centreId) throw new AppError('FIELD_NOT_FOUND');
      const today = await openToday(centreId, now);
      const id = await db
        .transaction()
        .execute((trx) => issueTicket(trx, field, today, now, { kind: 'walk_in' }));
      events.changed(centreId);
      return ticket(id);
    },

    async startSession(actor: Actor, counterId: string): Promise<CounterState> {
      const counter = await repo.counter(db, counterId);
      if (!counter?.active) throw new AppError('COUNTER_NOT_FOUND');
      checkAgency(actor, counter.agency_id);
      const holder = await repo.sessionAt(db, counterId);
      if (holder && holder.staff_user_id !== actor.userId) throw new AppError('COUNTER_TAKEN');
      await db.transaction().execute((trx) => repo.startSession(trx, counterId, actor.userId));
      events.changed(counter.centre_id);
      return counterState(actor);
    },

    async endSession(actor: Actor): Promise<void> {
      const session = await repo.sessionOf(db, actor.userId);
      await repo.endSession(db, actor.userId);
      if (session) {
        const counter = await repo.counter(db, session.counter_id);
        if (counter) events.changed(counter.centre_id);
      }
    },

    state: counterState,

    /**
     * "Gọi số tiếp theo": finishes the current ticket as served, then takes the head of the queue order
     * (queue-order.ts) among the counter's fields.
     */
    async callNext(actor: Actor): Promise<CounterState> {
      const counter = await myCounter(actor);
      const now = clock.now();
      const day = vietnamDay(now);
      const fieldIds = await repo.counterFieldIds(db, counter.id);
      if (fieldIds.length === 0) throw new AppError('QUEUE_EMPTY');
      const calledAgain = await db.transaction().execute(async (trx) => {
        // A remote number whose holder has not confirmed arrival is called twice (the call and one recall, by
        // the recall button or by this one); the next press marks it absent instead of served.
        const current = await repo.currentAt(trx, counter.id);
        const unconfirmed = current?.kind === 'remote' && current.confirmed_at === null;
        if (current && unconfirmed && current.recalls === 0) {
          await repo.recall(trx, current.id, now);
          return true;
        }
        await finishCurrent(trx, counter.id, unconfirmed ? 'absent' : 'served', now);
        const taken = await takeNext(trx, counter.centre_id, fieldIds, day, counter.walk_in_interleave, now);
        if (!taken) throw new AppError('QUEUE_EMPTY');
        await repo.updateTicket(trx, taken.called.id, {
          status: 'called',
          counter_id: counter.id,
          called_at: now,
          last_called_at: now,
          called_by: actor.userId,
        });
        await notifyAfterCall(trx, counter.centre_id, taken.called, taken.after, now);
        return false;
      });
      if (!calledAgain) jobs.fire(DELIVER_ZALO_JOB);
      events.changed(counter.centre_id);
      return counterState(actor);
    },

    /** Calls the current number again (the board announces it again). */
    async recall(actor: Actor): Promise<CounterState> {
      const counter = await myCounter(actor);
      const current = await repo.currentAt(db, counter.id);
      if (!current) throw new AppError('NO_CURRENT_TICKET');
      await repo.recall(db, current.id, clock.now());
      events.changed(counter.centre_id);
      return counterState(actor);
    },

    /** The holder of the called remote number is at the counter. */
    async confirmCurrent(actor: Actor): Promise<CounterState> {
      const counter = await myCounter(actor);
      const current = await repo.currentAt(db, counter.id);
      if (!current) throw new AppError('NO_CURRENT_TICKET');
      await repo.confirm(db, current.id, clock.now());
      events.changed(counter.centre_id);
      return counterState(actor);
    },

    async finish(actor: Actor, how: 'served' | 'absent'): Promise<CounterState> {
      const counter = await myCounter(actor);
      const done = await db.transaction().execute((trx) => finishCurrent(trx, counter.id, how, clock.now()));
      if (!done) throw new AppError('NO_CURRENT_TICKET');
      events.changed(counter.centre_id);
      return counterState(actor);
    },

    /** Sends the current person to another field's queue, keeping their place in time. */
    async transfer(actor: Actor, fieldId: string): Promise<CounterState> {
      const counter = await myCounter(actor);
      const now = clock.now();
      const field = await centreRepository.findField(db, fieldId);
      if (!field?.active || field.centre_id !== counter.centre_id) throw new AppError('FIELD_NOT_FOUND');
      await db.transaction().execute(async (trx) => {
        const current = await repo.currentAt(trx, counter.id);
        if (!current) throw new AppError('NO_CURRENT_TICKET');
        const old = await repo.findTicket(trx, current.id);
        // The person keeps their place in time, their priority and their phone's notifications.
        const id = await issueTicket(trx, field, vietnamDay(now), now, {
          kind: 'walk_in',
          priority: old?.priority ?? false,
          citizen_id: old?.citizen_id ?? null,
          ...(old ? { created_at: old.created_at } : {}),
        });
        await repo.updateTicket(trx, current.id, {
          status: 'transferred',
          finished_at: now,
          transferred_to: id,
        });
      });
      events.changed(counter.centre_id);
      return counterState(actor);
    },

    /** Flags a waiting ticket as a priority person (by law: elderly, disabled, pregnant, small children). */
    async setPriority(actor: Actor, ticketId: string, priority: boolean): Promise<Ticket> {
      const row = await repo.findTicket(db, ticketId);
      if (!row) throw new AppError('TICKET_NOT_FOUND');
      const centre = await centreRepository.find(db, row.centre_id);
      checkAgency(actor, centre?.agency_id ?? '');
      await repo.updateTicket(db, ticketId, { priority });
      events.changed(row.centre_id);
      return ticket(ticketId);
    },

    /**
     * What the TV at the centre shows. Every board and counter screen of a centre asks for it after each change,
     * so one read per centre is shared until the next change (or for 30 s: the day may turn).
     */
    board(centreId: string): Promise<Board> {
      const hit = boards.get(centreId);
      if (hit && hit.until > Date.now()) return hit.board;
      const board = readBoard(centreId);
      boards.set(centreId, { board, until: Date.now() + BOARD_TTL_MS });
      board.catch(() => boards.delete(centreId));
      return board;
    },
  };

  async function readBoard(centreId: string): Promise<Board> {
    const centre = await centreRepository.find(db, centreId);
    if (!centre?.active) throw new AppError('CENTRE_NOT_FOUND');
    const day = vietnamDay(clock.now());
    const [counters, calls, waiting] = await Promise.all([
      repo.boardCounters(db, centreId, day),
      repo.lastCalls(db, centreId, day, 6),
      repo.waitingCounts(db, centreId, day),
    ]);
    return presentBoard({ id: centreId, name: centre.name }, counters, calls, waiting);
  }
  return service;
}
export type QueueService = ReturnType<typeof createQueueService>;
