import {
  Assignee,
  BulkAcceptBody,
  BulkAcceptResult,
  InboxStreamQuery,
  OkBody,
  PageQuery,
  pageOf,
  ReportActionBodies,
  ReportCodeParams,
  StaffNotificationPage,
  StaffReport,
  StaffReportListQuery,
  StaffReportSummary,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { actorOf, SESSION_COOKIE } from '../../http/access.ts';
import type { SseStream } from '../../http/sse.ts';
import type { Services } from '../../services.ts';
import { MAX_PHOTO_BYTES } from './report-photos.image.ts';
import { PHOTO_CONTENT_TYPES } from './report-photos.routes.ts';

/** The console's side of field reports: inbox, detail, workflow actions, after-photos, staff notifications. */
export function reportHandlingRoutes(services: Services, stream: SseStream): FastifyPluginAsyncZod {
  const tags = ['report handling'];
  const h = services.reportHandling;
  return async (app) => {
    app.get(
      '/staff/reports',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary:
            'Inbox: reports of my agency (every agency for dispatchers), filtered, searched, sorted by deadline',
          querystring: StaffReportListQuery,
          response: { 200: pageOf(StaffReportSummary) },
        },
      },
      async (request) => h.list(actorOf(request), request.query),
    );

    app.get(
      '/staff/reports/stream',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary:
            'The inbox live (Server-Sent Events, event: inbox): a count of new reports in my scope, sent again ' +
            'whenever reports of my scope are filed or change',
          querystring: InboxStreamQuery,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return stream(request, reply, {
          event: 'inbox',
          produce: () => h.inboxPulse(actor, request.query.since),
          subscribe: (onChange) => h.subscribeInbox(actor, onChange),
          // Signed out, disabled, moved to another agency or role: the session is gone, and so is the stream.
          stillAllowed: async () => {
            const token = request.cookies[SESSION_COOKIE];
            const now = token
              ? await services.auth.resolveSession(token, { requestId: String(request.id), ip: request.ip })
              : null;
            return now?.sessionId === actor.sessionId;
          },
        });
      },
    );

    app.post(
      '/staff/reports/bulk-accept',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary: 'Accept several reports; each succeeds or fails on its own',
          body: BulkAcceptBody,
          response: { 200: BulkAcceptResult },
        },
      },
      async (request) => h.bulkAccept(actorOf(request), request.body.codes),
    );

    app.get(
      '/staff/reports/:code',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary: 'One report with photos, timeline, internal notes and the actions allowed now',
          params: ReportCodeParams,
          response: { 200: StaffReport },
        },
      },
      async (request) => h.get(actorOf(request), request.params.code),
    );

    app.get(
      '/staff/reports/:code/assignees',
      {
        config: { access: 'reports.assign' },
        schema: {
          tags,
          summary: 'Staff of the handling agency the report can be assigned to',
          params: ReportCodeParams,
          response: { 200: z.array(Assignee) },
        },
      },
      async (request) => h.assignees(actorOf(request), request.params.code),
    );

    const action = <B extends z.ZodType>(
      path: string,
      access: 'reports.handle' | 'reports.publish' | 'reports.assign',
      summary: string,
      body: B,
      run: (code: string, body: z.output<B>, request: Parameters<typeof actorOf>[0]) => Promise<StaffReport>,
    ) =>
      app.post(
        `/staff/reports/:code/${path}`,
        {
          config: { access },
          schema: { tags, summary, params: ReportCodeParams, body, response: { 200: StaffReport } },
        },
        async (request) => run(request.params.code, request.body as z.output<B>, request),
      );

    action(
      'accept',
      'reports.handle',
      'Accept (tiếp nhận), optionally setting the priority',
      ReportActionBodies.accept,
      (code, b, r) => h.accept(actorOf(r), code, b),
    );
    action('start', 'reports.handle', 'Start handling', ReportActionBodies.start, (code, b, r) =>
      h.start(actorOf(r), code, b),
    );
    action(
      'resolve',
      'reports.handle',
      'Resolve with a public answer (after-photos first when the category needs them)',
      ReportActionBodies.resolve,
      (code, b, r) => h.resolve(actorOf(r), code, b),
    );
    action(
      'reject',
      'reports.handle',
      'Reject with a reason (a duplicate names the original)',
      ReportActionBodies.reject,
      (code, b, r) => h.reject(actorOf(r), code, b),
    );
    action(
      'publish',
      'reports.publish',
      'Publish a reviewed resolution, hiding photos that show personal data',
      ReportActionBodies.publish,
      (code, b, r) => h.publish(actorOf(r), code, b),
    );
    action(
      'return',
      'reports.publish',
      'Send a resolution back to the agency',
      ReportActionBodies.return,
      (code, b, r) => h.return(actorOf(r), code, b),
    );
    action(
      'transfer',
      'reports.handle',
      'Transfer to another agency (chuyển xử lý) with a reason',
      ReportActionBodies.transfer,
      (code, b, r) => h.transfer(actorOf(r), code, b),
    );
    action(
      'assign',
      'reports.assign',
      'Assign to an officer of the agency (null: unassign)',
      ReportActionBodies.assign,
      (code, b, r) => h.assign(actorOf(r), code, b.officerId),
    );
    action(
      'notes',
      'reports.handle',
      'Add a note, internal or public',
      ReportActionBodies.note,
      (code, b, r) => h.addNote(actorOf(r), code, b),
    );

    app.register(async (scope) => {
      const photos = scope.withTypeProvider<ZodTypeProvider>();
      photos.addContentTypeParser(
        PHOTO_CONTENT_TYPES,
        { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
        (_req, body, done) => done(null, body),
      );
      photos.post(
        '/staff/reports/:code/photos',
        {
          config: { access: 'reports.handle' },
          bodyLimit: MAX_PHOTO_BYTES,
          schema: {
            tags,
            summary: 'Add an after-photo (raw bytes, ≤ 10 MB)',
            params: ReportCodeParams,
            response: { 200: StaffReport },
          },
        },
        async (request) => {
          const body = request.body;
          if (!Buffer.isBuffer(body)) throw new AppError('PHOTO_TYPE_NOT_ALLOWED');
          if (body.length === 0) throw new AppError('PHOTO_UNREADABLE');
          return h.addPhoto(actorOf(request), request.params.code, body);
        },
      );
    });

    app.delete(
      '/staff/reports/:code/photos/:photoId',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary: 'Delete an after-photo before resolving',
          params: ReportCodeParams.extend({ photoId: z.uuid() }),
          response: { 200: StaffReport },
        },
      },
      async (request) => h.deletePhoto(actorOf(request), request.params.code, request.params.photoId),
    );

    app.get(
      '/staff/report-photos/:id/:size',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary: 'A photo of a report I can see (hidden ones included)',
          params: z.object({ id: z.uuid(), size: z.enum(['full', 'thumb']) }),
        },
      },
      async (request, reply) => {
        const file = await h.photoFile(actorOf(request), request.params.id, request.params.size);
        return reply.type(file.contentType).send(file.data);
      },
    );

    app.get(
      '/staff/notifications',
      {
        config: { access: 'console.access' },
        schema: {
          tags,
          summary: 'My notifications: overdue, escalated, assigned, returned, reopened reports',
          querystring: PageQuery,
          response: { 200: StaffNotificationPage },
        },
      },
      async (request) => services.reportNotifications.forStaff(actorOf(request), request.query),
    );

    app.post(
      '/staff/notifications/read',
      {
        config: { access: 'console.access' },
        schema: { tags, summary: 'Mark all my notifications read', response: { 200: OkBody } },
      },
      async (request) => {
        await services.reportNotifications.markStaffRead(actorOf(request));
        return { ok: true as const };
      },
    );
  };
}
