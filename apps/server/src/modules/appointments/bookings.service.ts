import { randomInt } from 'node:crypto';
import type { BookBody, Booking, BookingDay, Slot } from '@dltt/contracts';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from '@dltt/contracts/constants';
import { createEvents, type EventAttributes } from 'ics';
import QRCode from 'qrcode';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import { vietnamDay } from '../../shared/working-time.ts';
import { presentBooking } from './bookings.presenter.ts';
import { type BookingRow, bookingRepository as repo } from './bookings.repository.ts';
import { centreRepository, type FieldRow } from './centres.repository.ts';
import type { CentreService, ScheduleContext } from './centres.service.ts';
import { addDays, closedReason, openDays, slotsOfDay } from './schedule.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Bookings can be cancelled or moved until this long before the start. */
export const CHANGE_DEADLINE_MS = 30 * MINUTE;
export const MAX_UPCOMING = 3;
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_WINDOW_MS = 30 * DAY;
export const BLOCK_MS = 14 * DAY;
/** How far ahead the calendar is read: more than any booking window in working days. */
const LOOKAHEAD_DAYS = 120;

/** 8 characters from 32 (no 0/O, 1/I): 40 bits, read aloud or typed at a kiosk without confusion. */
export function newBookingCode(): string {
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++)
    code += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  return code;
}

/** Booking a slot at a centre: the capacity and the anti-hoarding rules live in the database and one transaction. */
export function createBookingService(deps: { db: Executor; clock: Clock; centres: CentreService }) {
  const { db, clock, centres } = deps;

  /** Until when the citizen may still cancel or move the booking; null once past, or when no longer confirmed. */
  function changeableUntil(row: BookingRow, now: Date): Date | null {
    const until = new Date(row.starts_at.getTime() - CHANGE_DEADLINE_MS);
    return row.status === 'confirmed' && until > now ? until : null;
  }

  const present = (row: BookingRow, now: Date): Booking => presentBooking(row, changeableUntil(row, now));

  async function fieldOf(executor: Executor, centreId: string, fieldId: string): Promise<FieldRow> {
    const field = await centreRepository.findField(executor, fieldId);
    if (!field || field.centre_id !== centreId || !field.active) throw new AppError('FIELD_NOT_FOUND');
    return field;
  }

  async function capacityOf(executor: Executor, field: FieldRow): Promise<number> {
    const capacity = field.capacity ?? (await centreRepository.servingCounters(executor, field.id));
    if (capacity < 1) throw new AppError('FIELD_NOT_SERVED');
    return capacity;
  }

  async function context(executor: Executor, centreId: string, now: Date): Promise<ScheduleContext> {
    const today = vietnamDay(now);
    return centres.scheduleContext(executor, centreId, today, addDays(today, LOOKAHEAD_DAYS));
  }

  const closedOf = (ctx: ScheduleContext, day: string) =>
    closedReason(day, ctx.sessions, ctx.exceptions, new Set(ctx.closures.keys()));

  /** The days offered: the next `booking_days` open days. */
  const offered = (ctx: ScheduleContext, now: Date) =>
    openDays(now, ctx.centre.booking_days, (day) => closedOf(ctx, day) === null);

  /** The slot a booking asks for, checked against the schedule: open day, offered, a real start, not past. */
  function slotAt(ctx: ScheduleContext, field: FieldRow, startsAt: Date, now: Date) {
    const day = vietnamDay(startsAt);
    if (startsAt.getTime() <= now.getTime()) throw new AppError('SLOT_IN_PAST');
    if (closedOf(ctx, day) !== null) throw new AppError('CENTRE_CLOSED', { day });
    if (!offered(ctx, now).includes(day)) throw new AppError('SLOT_OUT_OF_RANGE');
    const slot = slotsOfDay(day, ctx.sessions, ctx.exceptions, field.slot_minutes).find(
      (s) => s.startsAt.getTime() === startsAt.getTime(),
    );
    if (!slot) throw new AppError('SLOT_INVALID');
    return { day, ...slot };
  }

  /** 3 no-shows in 30 days pause booking for 14 days after the last one. */
  async function checkNotBlocked(citizenId: string, now: Date) {
    const noShows = await repo.noShowsSince(db, citizenId, new Date(now.getTime() - NO_SHOW_WINDOW_MS));
    if (noShows.length < NO_SHOW_LIMIT) return;
    const until = new Date((noShows[0]?.starts_at.getTime() ?? 0) + BLOCK_MS);
    if (until > now) throw new AppError('BOOKING_BLOCKED', { until: until.toISOString() });
  }

  async function mine(citizen: CitizenPrincipal, code: string): Promise<BookingRow> {
    const row = await repo.find(db, code, citizen.citizenId);
    if (!row) throw new AppError('BOOKING_NOT_FOUND');
    return row;
  }

  function checkChangeable(row: BookingRow, now: Date) {
    if (row.status !== 'confirmed') throw new AppError('BOOKING_NOT_ACTIVE');
    if (row.starts_at.getTime() - CHANGE_DEADLINE_MS <= now.getTime())
      throw new AppError('BOOKING_CHANGE_TOO_LATE');
  }

  const service = {
    /** The days from today to the last offered one, open or closed (with why), and places left in each. */
    async days(centreId: string, fieldId: string): Promise<BookingDay[]> {
      const now = clock.now();
      const ctx = await context(db, centreId, now);
      const field = await fieldOf(db, centreId, fieldId);
      const capacity = await capacityOf(db, field);
      const days = offered(ctx, now);
      const last = days.at(-1);
      if (!last) return [];
      const booked = await repo.slotsBetween(
        db,
        field.id,
        now,
        new Date(Date.parse(`${addDays(last, 1)}T00:00:00+07:00`)),
      );
      const out: BookingDay[] = [];
      for (let day = vietnamDay(now); day <= last; day = addDays(day, 1)) {
        const reason = closedOf(ctx, day);
        if (reason !== null) {
          out.push({
            day,
            open: false,
            closedReason: reason === 'closure' ? (ctx.closures.get(day) ?? reason) : reason,
            remaining: 0,
          });
          continue;
        }
        const remaining = slotsOfDay(day, ctx.sessions, ctx.exceptions, field.slot_minutes)
          .filter((s) => s.startsAt > now)
          .reduce((sum, s) => {
            const row = booked.find((b) => b.starts_at.getTime() === s.startsAt.getTime());
            return sum + (row ? Math.max(0, row.capacity - row.booked) : capacity);
          }, 0);
        out.push({ day, open: true, closedReason: null, remaining });
      }
      return out;
    },

    async slots(centreId: string, fieldId: string, day: string): Promise<Slot[]> {
      const now = clock.now();
      const ctx = await context(db, centreId, now);
      const field = await fieldOf(db, centreId, fieldId);
      const capacity = await capacityOf(db, field);
      if (closedOf(ctx, day) !== null) throw new AppError('CENTRE_CLOSED', { day });
      if (!offered(ctx, now).includes(day)) throw new AppError('SLOT_OUT_OF_RANGE');
      const slots = slotsOfDay(day, ctx.sessions, ctx.exceptions, field.slot_minutes).filter(
        (s) => s.startsAt > now,
      );
      const booked = await repo.slotsBetween(
        db,
        field.id,
        new Date(Date.parse(`${day}T00:00:00+07:00`)),
        new Date(Date.parse(`${addDays(day, 1)}T00:00:00+07:00`)),
      );
      return slots.map((s) => {
        const row = booked.find((b) => b.starts_at.getTime() === s.startsAt.getTime());
        const cap = row?.capacity ?? capacity;
        return {
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          capacity: cap,
          remaining: Math.max(0, cap - (row?.booked ?? 0)),
        };
      });
    },

    /**
     * Books a place, once per idempotency key. Capacity: one conditional UPDATE on the slot row. One booking per
     * field and day: a partial unique index. At most 3 upcoming: counted under a per-citizen advisory lock.
     */
    async book(
      citizen: CitizenPrincipal,
      key: string,
      body: BookBody,
    ): Promise<{ booking: Booking; created: boolean }> {
      const now = clock.now();
      const replayOf = async (row: {
        code: string;
        field_id: string;
        starts_at: Date;
        name: string;
        phone: string;
      }) => {
        // The rule reports follow: a key names one request; the same key with another request is refused, not
        // answered with a booking the citizen did not ask for. A booking moved since then no longer matches.
        const same =
          row.field_id === body.fieldId &&
          row.starts_at.getTime() === Date.parse(body.startsAt) &&
          row.name === body.name &&
          row.phone === body.phone;
        if (!same) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        return { booking: present(await mine(citizen, row.code), now), created: false };
      };
      const replay = await repo.findByKey(db, citizen.citizenId, key);
      if (replay) return replayOf(replay);
      const field = await centreRepository.findField(db, body.fieldId);
      if (!field?.active) throw new AppError('FIELD_NOT_FOUND');
      const ctx = await context(db, field.centre_id, now);
      const capacity = await capacityOf(db, field);
      const slot = slotAt(ctx, field, new Date(body.startsAt), now);
      await checkNotBlocked(citizen.citizenId, now);
      const code = newBookingCode();
      try {
        const earlier = await db.transaction().execute(async (trx) => {
          await repo.lockCitizen(trx, citizen.citizenId);
          // A request with the same key may have booked while this one waited for the citizen's lock.
          const booked = await repo.findByKey(trx, citizen.citizenId, key);
          if (booked) return booked;
          if ((await repo.countUpcoming(trx, citizen.citizenId, now)) >= MAX_UPCOMING)
            throw new AppError('BOOKING_LIMIT_FUTURE');
          const slotId = await repo.ensureSlot(trx, field.id, slot.startsAt, slot.endsAt, capacity);
          if (!(await repo.takePlace(trx, slotId))) throw new AppError('SLOT_FULL');
          await repo.insert(trx, {
            code,
            citizen_id: citizen.citizenId,
            idempotency_key: key,
            centre_id: field.centre_id,
            field_id: field.id,
            slot_id: slotId,
            day: slot.day,
            starts_at: slot.startsAt,
            name: body.name,
            phone: body.phone,
            created_at: now,
          });
          return null;
        });
        if (earlier) return await replayOf(earlier);
      } catch (error) {
        if (isUniqueViolation(error, 'bookings_idempotency_key')) {
          const winner = await repo.findByKey(db, citizen.citizenId, key);
          if (winner) return replayOf(winner);
        }
        if (isUniqueViolation(error, 'bookings_one_per_field_day'))
          throw new AppError('BOOKING_LIMIT_PER_DAY');
        throw error;
      }
      return { booking: present(await mine(citizen, code), now), created: true };
    },

    async mine(citizen: CitizenPrincipal): Promise<Booking[]> {
      const now = clock.now();
      return (await repo.listForCitizen(db, citizen.citizenId, 50)).map((r) => present(r, now));
    },

    async get(citizen: CitizenPrincipal, code: string): Promise<Booking> {
      return present(await mine(citizen, code), clock.now());
    },

    async cancel(citizen: CitizenPrincipal, code: string): Promise<Booking> {
      const now = clock.now();
      const row = await mine(citizen, code);
      await db.transaction().execute(async (trx) => {
        await repo.lock(trx, row.id);
        const current = await repo.find(trx, code, citizen.citizenId);
        if (!current) throw new AppError('BOOKING_NOT_FOUND');
        checkChangeable(current, now);
        await repo.update(trx, row.id, { status: 'cancelled', cancelled_at: now });
        await repo.releasePlace(trx, current.slot_id);
      });
      return service.get(citizen, code);
    },

    /** Moves a booking to another slot of the same field: the new place is taken before the old one is freed. */
    async reschedule(citizen: CitizenPrincipal, code: string, startsAt: string): Promise<Booking> {
      const now = clock.now();
      const row = await mine(citizen, code);
      const field = await fieldOf(db, row.centre_id, row.field_id);
      const ctx = await context(db, row.centre_id, now);
      const capacity = await capacityOf(db, field);
      const slot = slotAt(ctx, field, new Date(startsAt), now);
      try {
        await db.transaction().execute(async (trx) => {
          await repo.lock(trx, row.id);
          const current = await repo.find(trx, code, citizen.citizenId);
          if (!current) throw new AppError('BOOKING_NOT_FOUND');
          checkChangeable(current, now);
          if (current.starts_at.getTime() === slot.startsAt.getTime()) return;
          const slotId = await repo.ensureSlot(trx, field.id, slot.startsAt, slot.endsAt, capacity);
          if (!(await repo.takePlace(trx, slotId))) throw new AppError('SLOT_FULL');
          await repo.releasePlace(trx, current.slot_id);
          await repo.update(trx, row.id, { slot_id: slotId, starts_at: slot.startsAt, day: slot.day });
        });
      } catch (error) {
        if (isUniqueViolation(error, 'bookings_one_per_field_day'))
          throw new AppError('BOOKING_LIMIT_PER_DAY');
        throw error;
      }
      return service.get(citizen, code);
    },

    /** An .ics file to add the appointment to a phone's calendar. */
    async ics(citizen: CitizenPrincipal, code: string): Promise<string> {
      const row = await mine(citizen, code);
      const event: EventAttributes = {
        uid: `${row.code}@dltt`,
        title: `Lịch hẹn ${row.field_name} — ${row.centre_name}`,
        description: `Mã lịch hẹn: ${row.code}. Vui lòng đến trước giờ hẹn và quét mã tại máy lấy số.`,
        location: row.centre_address ?? row.centre_name,
        start: row.starts_at.getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        end: row.ends_at.getTime(),
        endInputType: 'utc',
        endOutputType: 'utc',
        status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      };
      const { error, value } = createEvents([event]);
      if (error || !value) throw error ?? new Error('ics generation failed');
      return value;
    },

    /** The QR code of a booking (its code), as SVG: scanned at the kiosk to check in. */
    async qrSvg(citizen: CitizenPrincipal, code: string): Promise<string> {
      const row = await mine(citizen, code);
      return QRCode.toString(row.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    },
  };
  return service;
}
export type BookingService = ReturnType<typeof createBookingService>;
