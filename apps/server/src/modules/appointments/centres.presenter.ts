import type { Centre } from '@dltt/contracts';
import type { CentreRepository, CentreRow, FieldRow } from './centres.repository.ts';

type SessionRow = Awaited<ReturnType<CentreRepository['sessions']>>[number];
type CounterRow = Awaited<ReturnType<CentreRepository['counters']>>[number];
type ClosureRow = Awaited<ReturnType<CentreRepository['closures']>>[number];

/** What centres are shown with, read once for a list of centres (rows of other centres are left out). */
export interface CentreParts {
  sessions: readonly SessionRow[];
  fields: readonly FieldRow[];
  /** One row per counter and field it serves (a counter serving nothing has one row without a field). */
  counters: readonly CounterRow[];
  agencyNames: ReadonlyMap<string, string>;
}

const hhmm = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** A centre as the apps and the console see it: opening sessions, fields and counters with their fields. */
export function presentCentre(c: CentreRow, parts: CentreParts): Centre {
  const own = parts.counters.filter((k) => k.centre_id === c.id);
  const numbers = [...new Set(own.map((k) => k.id))];
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    address: c.address,
    location: c.lat !== null && c.lng !== null ? { lat: c.lat, lng: c.lng } : null,
    agencyId: c.agency_id,
    agencyName: parts.agencyNames.get(c.agency_id) ?? '',
    bookingDays: c.booking_days,
    walkInInterleave: c.walk_in_interleave,
    active: c.active,
    sessions: parts.sessions
      .filter((s) => s.centre_id === c.id)
      .map((s) => ({ weekday: s.weekday, start: hhmm(s.starts_min), end: hhmm(s.ends_min) })),
    fields: parts.fields
      .filter((f) => f.centre_id === c.id)
      .map((f) => ({
        id: f.id,
        code: f.code,
        name: f.name,
        letter: f.letter,
        slotMinutes: f.slot_minutes,
        capacity: f.capacity,
        active: f.active,
        procedures: f.procedures,
        remoteDailyCap: f.remote_daily_cap,
      })),
    counters: numbers.map((id) => {
      const rows = own.filter((k) => k.id === id);
      const first = rows[0]!;
      return {
        id,
        number: first.number,
        name: first.name,
        active: first.active,
        fieldCodes: rows.flatMap((r) => (r.field_code ? [r.field_code] : [])),
      };
    }),
  };
}

/** A day a centre is closed, with the reason shown to citizens. */
export function presentClosure(row: ClosureRow): { day: string; reason: string } {
  return { day: row.day, reason: row.reason };
}
