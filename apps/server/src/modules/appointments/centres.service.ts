import type { Centre, CentreBody } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AgencyRepository } from '../agencies/agencies.repository.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarRepository } from '../calendar/calendar.repository.ts';
import { presentCentre, presentClosure } from './centres.presenter.ts';
import { type CentreRow, centreRepository as repo } from './centres.repository.ts';
import type { Session } from './schedule.ts';

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** What booking needs to know about a centre over a range of days. */
export interface ScheduleContext {
  centre: CentreRow;
  sessions: Session[];
  closures: Map<string, string>;
  exceptions: Map<string, boolean>;
}

/** Service centres: configuration by admins, read by everyone. */
export function createCentreService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  agencyRepository: Pick<AgencyRepository, 'findById'>;
  calendarRepository: Pick<CalendarRepository, 'between'>;
}) {
  const { db, clock, audit, agencyRepository, calendarRepository } = deps;

  async function present(rows: CentreRow[]): Promise<Centre[]> {
    const ids = rows.map((r) => r.id);
    const [sessions, fields, counters, agencyNames] = await Promise.all([
      repo.sessions(db, ids),
      repo.fields(db, ids),
      repo.counters(db, ids),
      repo.agencyNames(db, [...new Set(rows.map((r) => r.agency_id))]),
    ]);
    return rows.map((c) => presentCentre(c, { sessions, fields, counters, agencyNames }));
  }

  /** Writes the whole configuration of a centre in the caller's transaction. */
  async function writeConfig(trx: Executor, centreId: string, body: CentreBody) {
    await repo.replaceSessions(
      trx,
      centreId,
      body.sessions.map((s) => ({
        weekday: s.weekday,
        starts_min: minutes(s.start),
        ends_min: minutes(s.end),
      })),
    );
    const fieldIds = new Map<string, string>();
    for (const f of body.fields) {
      fieldIds.set(
        f.code,
        await repo.upsertField(trx, centreId, {
          centre_id: centreId,
          code: f.code,
          name: f.name,
          letter: f.letter,
          slot_minutes: f.slotMinutes,
          capacity: f.capacity,
          active: f.active,
          procedures: f.procedures,
          remote_daily_cap: f.remoteDailyCap,
        }),
      );
    }
    await repo.deactivateFieldsExcept(trx, centreId, [...fieldIds.values()]);
    const counterIds: string[] = [];
    for (const c of body.counters) {
      const ids = c.fieldCodes.map((code) => fieldIds.get(code));
      if (ids.some((id) => id === undefined)) throw new AppError('COUNTER_FIELD_UNKNOWN');
      const id = await repo.upsertCounter(trx, centreId, {
        number: c.number,
        name: c.name,
        active: c.active,
      });
      await repo.setCounterFields(trx, id, ids as string[]);
      counterIds.push(id);
    }
    await repo.deactivateCountersExcept(trx, centreId, counterIds);
  }

  async function checkAgency(trx: Executor, agencyId: string) {
    const agency = await agencyRepository.findById(trx, agencyId);
    if (!agency) throw new AppError('AGENCY_NOT_FOUND');
  }

  const service = {
    async list(activeOnly: boolean): Promise<Centre[]> {
      return present(await repo.list(db, activeOnly));
    },

    async get(id: string, publicOnly: boolean): Promise<Centre> {
      const row = await repo.find(db, id);
      if (!row || (publicOnly && !row.active)) throw new AppError('CENTRE_NOT_FOUND');
      const [centre] = await present([row]);
      return centre as Centre;
    },

    async create(actor: Actor, body: CentreBody): Promise<Centre> {
      try {
        const id = await db.transaction().execute(async (trx) => {
          await checkAgency(trx, body.agencyId);
          const row = await repo.insert(trx, {
            code: body.code,
            name: body.name,
            address: body.address,
            lat: body.location?.lat ?? null,
            lng: body.location?.lng ?? null,
            agency_id: body.agencyId,
            booking_days: body.bookingDays,
            walk_in_interleave: body.walkInInterleave,
            active: body.active,
          });
          await writeConfig(trx, row.id, body);
          await audit.record(trx, actor, {
            action: 'centre.create',
            entityType: 'centre',
            entityId: row.id,
            after: body,
          });
          return row.id;
        });
        return service.get(id, false);
      } catch (error) {
        if (isUniqueViolation(error, 'centres_code_key')) throw new AppError('CENTRE_CODE_TAKEN');
        if (isUniqueViolation(error, 'service_fields_centre_id_letter_key'))
          throw new AppError('VALIDATION_FAILED', { fields: 'duplicate letter' });
        throw error;
      }
    },

    async update(actor: Actor, id: string, body: CentreBody): Promise<Centre> {
      try {
        await db.transaction().execute(async (trx) => {
          const before = await repo.find(trx, id);
          if (!before) throw new AppError('CENTRE_NOT_FOUND');
          await checkAgency(trx, body.agencyId);
          await repo.update(trx, id, {
            code: body.code,
            name: body.name,
            address: body.address,
            lat: body.location?.lat ?? null,
            lng: body.location?.lng ?? null,
            agency_id: body.agencyId,
            booking_days: body.bookingDays,
            walk_in_interleave: body.walkInInterleave,
            active: body.active,
            updated_at: clock.now(),
          });
          await writeConfig(trx, id, body);
          await audit.record(trx, actor, {
            action: 'centre.update',
            entityType: 'centre',
            entityId: id,
            after: body,
          });
        });
      } catch (error) {
        if (isUniqueViolation(error, 'centres_code_key')) throw new AppError('CENTRE_CODE_TAKEN');
        if (isUniqueViolation(error, 'service_fields_centre_id_letter_key'))
          throw new AppError('VALIDATION_FAILED', {
            fields: 'a letter is used by another field of this centre',
          });
        throw error;
      }
      return service.get(id, false);
    },

    async closures(centreId: string, from: string, to: string) {
      if (!(await repo.find(db, centreId))) throw new AppError('CENTRE_NOT_FOUND');
      return (await repo.closures(db, centreId, from, to)).map(presentClosure);
    },

    async setClosure(actor: Actor, centreId: string, day: string, reason: string) {
      await db.transaction().execute(async (trx) => {
        if (!(await repo.find(trx, centreId))) throw new AppError('CENTRE_NOT_FOUND');
        await repo.setClosure(trx, centreId, day, reason);
        await audit.record(trx, actor, {
          action: 'centre.closure_set',
          entityType: 'centre',
          entityId: centreId,
          after: { day, reason },
        });
      });
      return { day, reason };
    },

    async deleteClosure(actor: Actor, centreId: string, day: string) {
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deleteClosure(trx, centreId, day))) throw new AppError('CALENDAR_DAY_NOT_FOUND');
        await audit.record(trx, actor, {
          action: 'centre.closure_delete',
          entityType: 'centre',
          entityId: centreId,
          before: { day },
        });
      });
    },

    /** Sessions, closures and the shared calendar of a centre between two days (inclusive). */
    async scheduleContext(
      executor: Executor,
      centreId: string,
      from: string,
      to: string,
    ): Promise<ScheduleContext> {
      const centre = await repo.find(executor, centreId);
      if (!centre?.active) throw new AppError('CENTRE_NOT_FOUND');
      const [sessions, closures, calendar] = await Promise.all([
        repo.sessions(executor, [centreId]),
        repo.closures(executor, centreId, from, to),
        calendarRepository.between(executor, from, to),
      ]);
      return {
        centre,
        sessions,
        closures: new Map(closures.map((c) => [c.day, c.reason])),
        exceptions: new Map(calendar.map((d) => [d.day, d.working])),
      };
    },
  };
  return service;
}
export type CentreService = ReturnType<typeof createCentreService>;
