import { CalendarDay, OkBody, SetCalendarDayBody } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

const DayParams = z.object({ day: z.iso.date() });

export function calendarRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['calendar'];
  return async (app) => {
    app.get(
      '/calendar-days',
      {
        config: { access: 'reference.read' },
        schema: {
          tags,
          summary: 'Holidays, closures and swapped working days of a year',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.array(CalendarDay) },
        },
      },
      async (request) => services.calendar.list(request.query.year),
    );

    app.put(
      '/calendar-days/:day',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags,
          summary: 'Mark a day as a holiday/closure (working=false) or a swapped working day (working=true)',
          params: DayParams,
          body: SetCalendarDayBody,
          response: { 200: CalendarDay },
        },
      },
      async (request) => services.calendar.set(actorOf(request), request.params.day, request.body),
    );

    app.delete(
      '/calendar-days/:day',
      {
        config: { access: 'calendar.manage' },
        schema: { tags, summary: 'Back to a normal day', params: DayParams, response: { 200: OkBody } },
      },
      async (request) => {
        await services.calendar.remove(actorOf(request), request.params.day);
        return { ok: true as const };
      },
    );
  };
}
