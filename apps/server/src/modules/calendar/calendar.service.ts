import type {
  CalendarDay,
  CategoryDeadlines,
  CategoryDeadlinesView,
  SetCalendarDayBody,
} from '@dltt/contracts';
import Holidays from 'date-holidays';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { addWorkingHours, vietnamDay, WORKING_HOURS_PER_DAY } from '../../shared/working-time.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { calendarRepository } from './calendar.repository.ts';

export type Priority = 'urgent' | 'normal' | 'complex';

/** Defaults when a category has no row for a priority (iHanoi practice: accept within 8 working hours). */
export function defaultDeadlines(categoryDefaultHours: number, priority: Priority) {
  const resolve = { urgent: 4, normal: categoryDefaultHours, complex: categoryDefaultHours * 2 }[priority];
  return { acceptHours: priority === 'urgent' ? 2 : WORKING_HOURS_PER_DAY, resolveHours: resolve };
}

/** Public holidays the library knows for Vietnam (type "public"), as calendar days. */
export function libraryHolidays(years: number[]): { day: string; name: string }[] {
  const hd = new Holidays('VN');
  return years.flatMap((year) =>
    hd
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({ day: h.date.slice(0, 10), name: h.name })),
  );
}

const EXCEPTIONS_TTL_MS = 60_000;

export function createCalendarService(deps: { db: Executor; audit: AuditService }) {
  const { db, audit } = deps;

  /**
   * Exceptions from the day before `start` to two years after it: enough for any deadline we set. Every report
   * needs them, so they are kept for a minute per start day; changes through this service clear them at once
   * (another node sees a change within the minute).
   */
  const cache = new Map<string, { until: number; exceptions: Promise<Map<string, boolean>> }>();
  /** Deadline policies per category and priority, kept for a minute too (they change with a release, not daily). */
  const policies = new Map<
    string,
    { until: number; policy: Promise<{ accept_hours: number; resolve_hours: number } | undefined> }
  >();
  /**
   * Working hours to accept and to resolve, per category and priority (the category's policy, else the defaults
   * from its own hours), for the submission path; kept for a minute like the policies, dropped when a category
   * or its deadlines change through this process. Only existing categories are kept, so unknown ids sent by
   * clients cannot grow the map.
   */
  const hoursCache = new Map<
    string,
    { until: number; hours: Promise<{ acceptHours: number; resolveHours: number } | undefined> }
  >();
  function hoursFor(executor: Executor, categoryId: string, priority: Priority) {
    const key = `${categoryId}:${priority}`;
    const hit = hoursCache.get(key);
    if (hit && hit.until > Date.now()) return hit.hours;
    const hours = calendarRepository.categoryDeadlineHours(executor, categoryId, priority).then((row) => {
      if (!row) return undefined;
      if (row.accept_hours !== null && row.resolve_hours !== null)
        return { acceptHours: row.accept_hours, resolveHours: row.resolve_hours };
      return defaultDeadlines(row.default_deadline_hours, priority);
    });
    if (hoursCache.size > 1000) hoursCache.clear();
    hoursCache.set(key, { until: Date.now() + EXCEPTIONS_TTL_MS, hours });
    const forget = () => {
      if (hoursCache.get(key)?.hours === hours) hoursCache.delete(key);
    };
    hours.then((h) => h ?? forget(), forget);
    return hours;
  }

  async function exceptionsFrom(executor: Executor, start: Date): Promise<Map<string, boolean>> {
    const from = vietnamDay(new Date(start.getTime() - 86_400_000));
    const hit = cache.get(from);
    if (hit && hit.until > Date.now()) return hit.exceptions;
    const to = vietnamDay(new Date(start.getTime() + 2 * 366 * 86_400_000));
    const exceptions = calendarRepository
      .between(executor, from, to)
      .then((rows) => new Map(rows.map((r) => [r.day, r.working])));
    if (cache.size > 100) cache.clear();
    cache.set(from, { until: Date.now() + EXCEPTIONS_TTL_MS, exceptions });
    exceptions.catch(() => cache.delete(from));
    return exceptions;
  }

  return {
    /** When `hours` working hours after `start` end, with this province's calendar. */
    async dueDate(executor: Executor, start: Date, hours: number): Promise<Date> {
      return addWorkingHours(start, hours, await exceptionsFrom(executor, start));
    },

    /** Accept and resolve deadlines of a new report. */
    async reportDeadlines(
      executor: Executor,
      start: Date,
      category: { id: string; default_deadline_hours: number },
      priority: Priority,
    ) {
      const key = `${category.id}:${priority}`;
      let cached = policies.get(key);
      if (!cached || cached.until <= Date.now()) {
        cached = {
          until: Date.now() + EXCEPTIONS_TTL_MS,
          policy: calendarRepository.deadlinePolicy(executor, category.id, priority),
        };
        policies.set(key, cached);
        cached.policy.catch(() => policies.delete(key));
      }
      const policy = await cached.policy;
      const hours = policy
        ? { acceptHours: policy.accept_hours, resolveHours: policy.resolve_hours }
        : defaultDeadlines(category.default_deadline_hours, priority);
      const exceptions = await exceptionsFrom(executor, start);
      return {
        acceptDueAt: addWorkingHours(start, hours.acceptHours, exceptions),
        resolveDueAt: addWorkingHours(start, hours.resolveHours, exceptions),
      };
    },

    /**
     * Accept and resolve deadlines of a new report in this category (by id), or undefined when there is no such
     * category. Usually answered from memory: the submission path asks for every report.
     */
    async reportDeadlinesFor(executor: Executor, start: Date, categoryId: string, priority: Priority) {
      const hours = await hoursFor(executor, categoryId, priority);
      if (!hours) return undefined;
      const exceptions = await exceptionsFrom(executor, start);
      return {
        acceptDueAt: addWorkingHours(start, hours.acceptHours, exceptions),
        resolveDueAt: addWorkingHours(start, hours.resolveHours, exceptions),
      };
    },

    /** A category was created or edited (its default hours may have changed): forget what was kept of it. */
    categoryChanged(): void {
      hoursCache.clear();
    },

    /** The deadlines of a category per priority: the admin's, else the defaults. */
    async categoryDeadlines(category: {
      id: string;
      default_deadline_hours: number;
    }): Promise<CategoryDeadlinesView> {
      const rows = await calendarRepository.deadlinePolicies(db, category.id);
      const pair = (priority: Priority) => {
        const row = rows.find((r) => r.priority === priority);
        if (row) return { acceptHours: row.accept_hours, resolveHours: row.resolve_hours };
        return defaultDeadlines(category.default_deadline_hours, priority);
      };
      return {
        urgent: pair('urgent'),
        normal: pair('normal'),
        complex: pair('complex'),
        custom: rows.length > 0,
      };
    },

    async setCategoryDeadlines(
      actor: Actor,
      category: { id: string; default_deadline_hours: number },
      body: CategoryDeadlines,
    ): Promise<CategoryDeadlinesView> {
      await db.transaction().execute(async (trx) => {
        const before = await calendarRepository.deadlinePolicies(trx, category.id);
        await calendarRepository.replaceDeadlinePolicies(
          trx,
          category.id,
          (['urgent', 'normal', 'complex'] as const).map((priority) => ({
            priority,
            accept_hours: body[priority].acceptHours,
            resolve_hours: body[priority].resolveHours,
          })),
        );
        await audit.record(trx, actor, {
          action: 'category.deadlines',
          entityType: 'category',
          entityId: category.id,
          before,
          after: body,
        });
      });
      policies.clear();
      hoursCache.clear();
      return this.categoryDeadlines(category);
    },

    /** Adds the library's public holidays for these years; days an admin set stay as they are. */
    seedFromLibrary(years: number[]): Promise<number> {
      cache.clear();
      return calendarRepository.insertLibraryDays(db, libraryHolidays(years));
    },

    async list(year: number): Promise<CalendarDay[]> {
      return calendarRepository.between(db, `${year}-01-01`, `${year}-12-31`);
    },

    async set(actor: Actor, day: string, body: SetCalendarDayBody): Promise<CalendarDay> {
      const next = { day, working: body.working, name: body.name, source: 'admin' as const };
      await db.transaction().execute(async (trx) => {
        const before = await calendarRepository.find(trx, day);
        await calendarRepository.upsert(trx, next);
        await audit.record(trx, actor, {
          action: 'calendar_day.set',
          entityType: 'calendar_day',
          entityId: day,
          before: before ?? null,
          after: next,
        });
      });
      cache.clear();
      return next;
    },

    async remove(actor: Actor, day: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await calendarRepository.find(trx, day);
        if (!before || !(await calendarRepository.delete(trx, day)))
          throw new AppError('CALENDAR_DAY_NOT_FOUND');
        await audit.record(trx, actor, {
          action: 'calendar_day.delete',
          entityType: 'calendar_day',
          entityId: day,
          before,
        });
      });
      cache.clear();
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
