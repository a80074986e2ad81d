import { z } from 'zod';
import { VietnamesePhone } from './common.ts';
import { BOOKING_CODE_PATTERN, BOOKING_STATUSES, FIELD_PROCEDURES_MAX } from './constants.ts';

/** Appointments at public service centres (Đặt lịch làm TTHC). */

const Minutes = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const CentreSession = z
  .object({ weekday: z.number().int().min(1).max(7), start: Minutes, end: Minutes })
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });
export type CentreSession = z.infer<typeof CentreSession>;

export const ServiceField = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  letter: z.string(),
  slotMinutes: z.number().int(),
  /** Places per slot; null = the number of active counters serving the field. */
  capacity: z.number().int().nullable(),
  active: z.boolean(),
  /** The procedures the field covers, in a short text for citizens choosing a field; null when not given. */
  procedures: z.string().nullable(),
  /** Numbers a citizen may take from the phone per day ("Lấy số từ xa"); null = none. */
  remoteDailyCap: z.number().int().nullable(),
});
export type ServiceField = z.infer<typeof ServiceField>;

export const Counter = z.object({
  id: z.uuid(),
  number: z.number().int(),
  name: z.string().nullable(),
  active: z.boolean(),
  fieldCodes: z.array(z.string()),
});
export type Counter = z.infer<typeof Counter>;

export const Centre = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  bookingDays: z.number().int(),
  walkInInterleave: z.number().int(),
  active: z.boolean(),
  sessions: z.array(CentreSession),
  fields: z.array(ServiceField),
  counters: z.array(Counter),
});
export type Centre = z.infer<typeof Centre>;

const Code = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{2,64}$/);

/** A centre's whole configuration; fields and counters are matched by code and number (kept ids, kept history). */
export const CentreBody = z.object({
  code: Code,
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300).nullable().default(null),
  location: z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .default(null),
  agencyId: z.uuid(),
  bookingDays: z.number().int().min(1).max(60).default(14),
  walkInInterleave: z.number().int().min(1).max(20).default(2),
  active: z.boolean().default(true),
  sessions: z.array(CentreSession).max(28),
  fields: z
    .array(
      z.object({
        code: Code,
        name: z.string().trim().min(1).max(200),
        letter: z.string().regex(/^[A-Z]$/),
        slotMinutes: z.number().int().min(5).max(240).default(15),
        capacity: z.number().int().min(1).max(100).nullable().default(null),
        active: z.boolean().default(true),
        /** Blank means "not given" (null). */
        procedures: z
          .string()
          .trim()
          .max(FIELD_PROCEDURES_MAX)
          .nullable()
          .default(null)
          .transform((v) => (v ? v : null)),
        remoteDailyCap: z.number().int().min(1).max(999).nullable().default(null),
      }),
    )
    .max(26)
    .refine((f) => new Set(f.map((x) => x.code)).size === f.length, { message: 'duplicate field code' })
    .refine((f) => new Set(f.map((x) => x.letter)).size === f.length, { message: 'duplicate letter' }),
  counters: z
    .array(
      z.object({
        number: z.number().int().min(1).max(999),
        name: z.string().trim().max(100).nullable().default(null),
        active: z.boolean().default(true),
        fieldCodes: z.array(z.string()).max(26),
      }),
    )
    .max(100)
    .refine((c) => new Set(c.map((x) => x.number)).size === c.length, {
      message: 'duplicate counter number',
    }),
});
export type CentreBody = z.infer<typeof CentreBody>;

export const ClosureBody = z.object({ reason: z.string().trim().min(1).max(200) });

/** A day a citizen may pick, with how many places are left in it. */
export const BookingDay = z.object({
  day: z.string(),
  open: z.boolean(),
  /** Why the day is closed: weekend, holiday or a centre closure (with its name). */
  closedReason: z.string().nullable(),
  remaining: z.number().int(),
});
export type BookingDay = z.infer<typeof BookingDay>;

export const Slot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  remaining: z.number().int(),
});
export type Slot = z.infer<typeof Slot>;

export const SlotsQuery = z.object({ day: z.iso.date() });

export const BookBody = z.object({
  fieldId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  name: z.string().trim().min(1).max(120),
  phone: VietnamesePhone,
});
export type BookBody = z.infer<typeof BookBody>;

export const RescheduleBody = z.object({ startsAt: z.iso.datetime({ offset: true }) });

export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const Booking = z.object({
  code: z.string(),
  status: BookingStatus,
  centreId: z.uuid(),
  centreName: z.string(),
  centreAddress: z.string().nullable(),
  fieldId: z.uuid(),
  fieldName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  name: z.string(),
  phone: z.string(),
  createdAt: z.string(),
  /** Until when it can be cancelled or moved (30 minutes before the start); null once that is over. */
  changeableUntil: z.string().nullable(),
  /** The queue number taken with this booking at the kiosk (its live page is /tickets/{id}). */
  ticket: z.object({ id: z.uuid(), display: z.string() }).nullable(),
});
export type Booking = z.infer<typeof Booking>;

export const BookingCodeParams = z.object({ code: z.string().regex(BOOKING_CODE_PATTERN) });
