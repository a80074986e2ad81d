import { type CounterChoice, type CounterElsewhere, type QueueStats, roleHas } from '@dltt/contracts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { centreRepository } from './centres.repository.ts';
import { queueStatsRepository as repo } from './queue-stats.repository.ts';

const num = (v: unknown) => Number(v ?? 0);
const orNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Statistics of a centre's bookings and queue, and the counters an officer may take. */
export function createQueueStatsService(deps: { db: Executor }) {
  const { db } = deps;
  const allCentres = (actor: Actor) => roleHas(actor.role, 'centres.manage');

  return {
    async stats(actor: Actor, centreId: string, from: string, to: string): Promise<QueueStats> {
      const centre = await centreRepository.find(db, centreId);
      if (!centre || (!allCentres(actor) && centre.agency_id !== actor.agencyId))
        throw new AppError('CENTRE_NOT_FOUND');
      if (from > to)
        throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.from', message: 'after to' }]);
      if (Date.parse(to) - Date.parse(from) > 92 * 86_400_000) throw new AppError('DATE_RANGE_TOO_LONG');
      const [bookings, tickets, counters] = await Promise.all([
        repo.bookingsByDayField(db, centreId, from, to),
        repo.ticketsByDayField(db, centreId, from, to),
        repo.byDayCounter(db, centreId, from, to),
      ]);
      const keys = new Map<string, { day: string; fieldId: string; fieldName: string; letter: string }>();
      for (const r of [...bookings, ...tickets])
        keys.set(`${r.day}|${r.field_id}`, {
          day: r.day,
          fieldId: r.field_id,
          fieldName: r.name,
          letter: r.letter,
        });
      const fields = [...keys.entries()]
        .map(([key, k]) => {
          const b = bookings.find((r) => `${r.day}|${r.field_id}` === key);
          const t = tickets.find((r) => `${r.day}|${r.field_id}` === key);
          return {
            ...k,
            bookings: num(b?.bookings),
            cancelled: num(b?.cancelled),
            noShows: num(b?.no_shows),
            tickets: num(t?.tickets),
            walkIns: num(t?.walk_ins),
            served: num(t?.served),
            avgWaitMinutes: orNull(t?.avg_wait),
            avgServiceMinutes: orNull(t?.avg_service),
          };
        })
        .sort((a, b) => a.day.localeCompare(b.day) || a.letter.localeCompare(b.letter));
      return {
        fields,
        counters: counters.map((c) => ({
          day: c.day,
          counterNumber: c.number,
          served: num(c.served),
          absent: num(c.absent),
          avgServiceMinutes: orNull(c.avg_service),
        })),
      };
    },

    async counterChoices(actor: Actor): Promise<CounterChoice[]> {
      const rows = await repo.countersOfAgency(db, allCentres(actor) ? null : actor.agencyId);
      const centres = new Map<string, CounterChoice>();
      for (const r of rows) {
        const centre = centres.get(r.centre_id) ?? {
          centreId: r.centre_id,
          centreName: r.centre_name,
          counters: [],
        };
        centre.counters.push({
          id: r.id,
          number: r.number,
          name: r.name,
          fieldLetters: (r.letters ?? '').split('').filter(Boolean),
          heldBy: r.held_by,
          mine: r.staff_user_id === actor.userId,
        });
        centres.set(r.centre_id, centre);
      }
      return [...centres.values()];
    },

    /** The centres whose counters `counterChoices` leaves out for this officer (their agency is another). */
    async counterElsewhere(actor: Actor): Promise<CounterElsewhere> {
      if (allCentres(actor)) return { agencyName: null, centres: [] };
      const [rows, names] = await Promise.all([
        repo.centresWithCountersOutside(db, actor.agencyId),
        centreRepository.agencyNames(db, actor.agencyId ? [actor.agencyId] : []),
      ]);
      return {
        agencyName: actor.agencyId ? (names.get(actor.agencyId) ?? null) : null,
        centres: rows.map((r) => ({ centreId: r.id, centreName: r.name, agencyName: r.agency_name })),
      };
    },
  };
}
export type QueueStatsService = ReturnType<typeof createQueueStatsService>;
