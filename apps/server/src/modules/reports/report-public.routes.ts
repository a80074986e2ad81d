import {
  CitizenNotificationPage,
  NearbyReport,
  NearbyReportsQuery,
  OkBody,
  PageQuery,
  PublicReport,
  PublicReportListQuery,
  pageOf,
  ReportCodeParams,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

/** Reports as the public and other citizens see them, following, and the citizen's notifications. */
export function reportPublicRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['reports'];
  const p = services.reportPublic;
  return async (app) => {
    app.get(
      '/public/reports',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Published results, newest first (list and map); no personal data',
          querystring: PublicReportListQuery,
          response: { 200: pageOf(PublicReport) },
        },
      },
      async (request) => p.list(request.query),
    );

    app.get(
      '/public/reports/:code',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'One published result with before/after photos and the answer',
          params: ReportCodeParams,
          response: { 200: PublicReport },
        },
      },
      async (request) => p.get(request.params.code),
    );

    app.get(
      '/public/report-photos/:id/:size',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A photo of a published result, or a before-photo of an open report of the last 30 days',
          params: z.object({ id: z.uuid(), size: z.enum(['full', 'thumb']) }),
        },
      },
      async (request, reply) => {
        const file = await p.photoFile(request.params.id, request.params.size);
        return (
          reply
            .header('cache-control', 'public, max-age=300')
            // Published photos are shown as <img> on the mini app's page, which lives on Zalo's origin.
            .header('cross-origin-resource-policy', 'cross-origin')
            .type(file.contentType)
            .send(file.data)
        );
      },
    );

    app.get(
      '/reports/nearby',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Open reports of a category within 200 m from the last 30 days ("Có phải sự việc này?")',
          querystring: NearbyReportsQuery,
          response: { 200: z.array(NearbyReport) },
        },
      },
      async (request) => p.nearby(citizenOf(request), request.query),
    );

    app.post(
      '/reports/:code/follow',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: "Follow someone else's report instead of filing a duplicate",
          params: ReportCodeParams,
          response: { 200: OkBody },
        },
      },
      async (request) => {
        await services.reports.follow(citizenOf(request), request.params.code);
        return { ok: true as const };
      },
    );

    app.get(
      '/me/followed-reports',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Reports I follow',
          querystring: PageQuery,
          response: { 200: pageOf(PublicReport) },
        },
      },
      async (request) => p.followed(citizenOf(request), request.query),
    );

    app.get(
      '/me/followed-reports/:code',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'A report I follow, published or not',
          params: ReportCodeParams,
          response: { 200: PublicReport },
        },
      },
      async (request) => p.followedOne(citizenOf(request), request.params.code),
    );

    app.get(
      '/me/notifications',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Updates on my reports and those I follow, newest first',
          querystring: PageQuery,
          response: { 200: CitizenNotificationPage },
        },
      },
      async (request) => services.reportNotifications.forCitizen(citizenOf(request), request.query),
    );

    app.post(
      '/me/notifications/read',
      {
        config: { access: 'citizen' },
        schema: { tags, summary: 'Mark all my notifications read', response: { 200: OkBody } },
      },
      async (request) => {
        await services.reportNotifications.markCitizenRead(citizenOf(request));
        return { ok: true as const };
      },
    );
  };
}
