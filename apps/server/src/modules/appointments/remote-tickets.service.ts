import type { RemoteToday, Ticket } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import { vietnamDay } from '../../shared/working-time.ts';
import { bookingRepository } from './bookings.repository.ts';
import { newBookingCode } from './bookings.service.ts';
import { centreRepository } from './centres.repository.ts';
import type { CentreService } from './centres.service.ts';
import { issueTicket, queueRepository } from './queue.repository.ts';
import type { QueueService } from './queue.service.ts';
import type { QueueEvents } from './queue-events.ts';
import { remoteTicketRepository as repo } from './remote-tickets.repository.ts';
import { closedReason, inSession } from './schedule.ts';

/**
 * "Lấy số từ xa": today's number for a field, taken from the phone while the centre is open. It queues like a
 * walk-in, by the time it was taken (queue-order.ts); the holder confirms arrival at the kiosk with the number's
 * code or at the counter, and an unconfirmed number is marked absent after being called twice (queue.service).
 * Against hoarding, all in the database: one live remote number per person and centre (a partial unique index),
 * a daily cap per field (a conditional upsert), a retried request gives the same number (Idempotency-Key).
 */
export function createRemoteTicketService(deps: {
  db: Executor;
  clock: Clock;
  centres: CentreService;
  events: QueueEvents;
  queue: QueueService;
}) {
  const { db, clock, centres, events, queue } = deps;

  /** Whether the centre is in an opening session now (null: open; else the error to give). */
  async function closedNow(centreId: string, now: Date) {
    const today = vietnamDay(now);
    const ctx = await centres.scheduleContext(db, centreId, today, today);
    if (closedReason(today, ctx.sessions, ctx.exceptions, new Set(ctx.closures.keys())) !== null)
      return new AppError('CENTRE_CLOSED', { day: today });
    if (!inSession(now, today, ctx.sessions, ctx.exceptions)) return new AppError('CENTRE_NOT_OPEN_NOW');
    return null;
  }

  /** A code no booking uses either: the kiosk's one box tells them apart by looking the code up. */
  async function freshCode(): Promise<string> {
    for (;;) {
      const code = newBookingCode();
      if (!(await bookingRepository.find(db, code))) return code;
    }
  }

  return {
    /** What the centre offers today: open now, and per field open to remote numbers, how many are left. */
    async today(centreId: string): Promise<RemoteToday> {
      const now = clock.now();
      const day = vietnamDay(now);
      const [closed, fields, taken, waiting] = await Promise.all([
        closedNow(centreId, now),
        centreRepository.fields(db, [centreId]),
        repo.remoteTaken(db, centreId, day),
        queueRepository.waitingCounts(db, centreId, day),
      ]);
      return {
        centreId,
        open: closed === null,
        fields: fields
          .filter((f) => f.active && f.remote_daily_cap !== null)
          .map((f) => ({
            fieldId: f.id,
            fieldName: f.name,
            letter: f.letter,
            remaining: Math.max(
              0,
              (f.remote_daily_cap ?? 0) - (taken.find((t) => t.field_id === f.id)?.remote ?? 0),
            ),
            waiting: Number(waiting.find((w) => w.id === f.id)?.n ?? 0),
          })),
      };
    },

    /** Takes a number, once per idempotency key: 201 new, 200 when replayed. */
    async take(
      citizen: CitizenPrincipal,
      key: string,
      fieldId: string,
    ): Promise<{ ticket: Ticket; created: boolean }> {
      const replay = await repo.ticketByKey(db, citizen.citizenId, key);
      if (replay) return { ticket: await queue.ticket(replay.id), created: false };
      const now = clock.now();
      const field = await centreRepository.findField(db, fieldId);
      if (!field?.active) throw new AppError('FIELD_NOT_FOUND');
      const cap = field.remote_daily_cap;
      if (cap === null) throw new AppError('REMOTE_FIELD_CLOSED');
      const closed = await closedNow(field.centre_id, now);
      if (closed) throw closed;
      const day = vietnamDay(now);
      const code = await freshCode();
      let id: string;
      try {
        id = await db.transaction().execute(async (trx) => {
          if (!(await repo.takeRemotePlace(trx, field.id, day, cap)))
            throw new AppError('REMOTE_CAP_REACHED');
          return issueTicket(trx, field, day, now, {
            kind: 'remote',
            citizen_id: citizen.citizenId,
            code,
            idempotency_key: key,
          });
        });
      } catch (error) {
        if (isUniqueViolation(error, 'tickets_idempotency_key')) {
          const winner = await repo.ticketByKey(db, citizen.citizenId, key);
          if (winner) return { ticket: await queue.ticket(winner.id), created: false };
        }
        if (isUniqueViolation(error, 'tickets_one_live_remote')) throw new AppError('REMOTE_ALREADY_HOLDING');
        throw error;
      }
      events.changed(field.centre_id);
      return { ticket: await queue.ticket(id), created: true };
    },

    /** The citizen's numbers of today still waiting or being called (remote ones and checked-in bookings). */
    async mine(citizen: CitizenPrincipal): Promise<Ticket[]> {
      const rows = await repo.liveOfCitizen(db, citizen.citizenId, vietnamDay(clock.now()));
      return Promise.all(rows.map((r) => queue.ticket(r.id)));
    },
  };
}
export type RemoteTicketService = ReturnType<typeof createRemoteTicketService>;
