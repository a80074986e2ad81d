import {
  IdempotencyKeyHeaders,
  MyReport,
  NotFixedBody,
  PageQuery,
  pageOf,
  RateReportBody,
  ReportCodeParams,
  SubmitReportBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function reportRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['reports'];
  return async (app) => {
    app.post(
      '/reports',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'File a field report (idempotent per Idempotency-Key); 201 new, 200 when replayed',
          headers: IdempotencyKeyHeaders,
          body: SubmitReportBody,
          response: { 200: MyReport, 201: MyReport },
        },
      },
      async (request, reply) => {
        const { report, created } = await services.reports.submit(
          citizenOf(request),
          request.headers['idempotency-key'],
          request.body,
        );
        return reply.status(created ? 201 : 200).send(report);
      },
    );

    app.get(
      '/me/reports',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'My reports, newest first',
          querystring: PageQuery,
          response: { 200: pageOf(MyReport) },
        },
      },
      async (request) => services.reports.mine(citizenOf(request), request.query),
    );

    app.get(
      '/me/reports/:code',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'One of my reports with its public timeline',
          params: ReportCodeParams,
          response: { 200: MyReport },
        },
      },
      async (request) => services.reports.mineByCode(citizenOf(request), request.params.code),
    );

    app.post(
      '/me/reports/:code/rating',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Rate the published result 1-5 (once, within 7 days of publication)',
          params: ReportCodeParams,
          body: RateReportBody,
          response: { 200: MyReport },
        },
      },
      async (request) => services.reports.rate(citizenOf(request), request.params.code, request.body.rating),
    );

    app.post(
      '/me/reports/:code/not-fixed',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: '"Chưa được xử lý": reopen the published result to the same agency (within 7 days)',
          params: ReportCodeParams,
          body: NotFixedBody,
          response: { 200: MyReport },
        },
      },
      async (request) =>
        services.reports.notFixed(citizenOf(request), request.params.code, request.body.note),
    );
  };
}
