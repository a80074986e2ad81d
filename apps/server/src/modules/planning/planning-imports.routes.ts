import { Readable } from 'node:stream';
import {
  PlanningDatasetParams,
  PlanningImport,
  PlanningImportParams,
  PlanningImportPreview,
  PlanningImportPreviewQuery,
  type PlanningImport as PlanningImportShape,
  StartPlanningImportBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

/** Declared types of an upload; the bytes decide what it is (zip magic or JSON). */
export const PLANNING_UPLOAD_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/geo+json',
  'application/json',
  'application/octet-stream',
];

const UploadQuery = z.object({ fileName: z.string().trim().min(1).max(255).default('upload') });

export function planningImportRoutes(services: Services, maxUploadBytes: number): FastifyPluginAsyncZod {
  const tags = ['planning'];
  const access = 'planning.manage' as const;
  return async (app) => {
    app.register(async (scope) => {
      const uploads = scope.withTypeProvider<ZodTypeProvider>();
      // The body is handed over as the request stream itself: the service streams it to storage, so a file of
      // hundreds of megabytes never sits in memory (its size is checked as it flows).
      uploads.addContentTypeParser(PLANNING_UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
      uploads.post(
        '/admin/planning/datasets/:id/imports',
        {
          config: { access },
          schema: {
            tags,
            summary: 'Upload a planning file (zipped Shapefile or GeoJSON) as the raw body',
            description:
              'Body: the file itself (`application/zip`, `application/geo+json` or `application/json`), its name ' +
              'in `?fileName=`. Checked by content, not by name; up to PLANNING_MAX_UPLOAD_MB.',
            params: PlanningDatasetParams,
            querystring: UploadQuery,
            response: { 201: PlanningImport },
          },
        },
        async (request, reply) => {
          const declared = Number(request.headers['content-length']);
          if (Number.isFinite(declared) && declared > maxUploadBytes)
            throw new AppError('PLANNING_FILE_TOO_LARGE', { maxBytes: maxUploadBytes });
          const body = request.body;
          if (!(body instanceof Readable))
            throw new AppError('PLANNING_FILE_INVALID', { detail: 'no file in the body' });
          let created: PlanningImportShape;
          try {
            // Not destroyed when the service stops reading early (too large, not a zip or JSON): the answer still
            // reaches the client, and the connection closes after it instead of reading the rest.
            created = await services.planningImports.upload(
              actorOf(request),
              request.params.id,
              request.query.fileName,
              body.iterator({ destroyOnReturn: false }),
            );
          } catch (error) {
            reply.header('connection', 'close');
            throw error;
          }
          return reply.status(201).send(created);
        },
      );
    });

    app.get(
      '/admin/planning/datasets/:id/imports',
      {
        config: { access },
        schema: {
          tags,
          summary: "A dataset's imports, newest first (the last 20)",
          params: PlanningDatasetParams,
          response: { 200: z.array(PlanningImport) },
        },
      },
      async (request) => services.planningImports.list(actorOf(request), request.params.id),
    );

    app.get(
      '/admin/planning/imports/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'One import (progress, report)',
          params: PlanningImportParams,
          response: { 200: PlanningImport },
        },
      },
      async (request) => services.planningImports.get(actorOf(request), request.params.id),
    );

    app.get(
      '/admin/planning/imports/:id/preview',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The first 10 records decoded with an encoding',
          params: PlanningImportParams,
          querystring: PlanningImportPreviewQuery,
          response: { 200: PlanningImportPreview },
        },
      },
      async (request) =>
        services.planningImports.preview(actorOf(request), request.params.id, request.query.encoding),
    );

    app.post(
      '/admin/planning/imports/:id/start',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Choose encoding, coordinate system and column mapping; queue the import',
          params: PlanningImportParams,
          body: StartPlanningImportBody,
          response: { 200: PlanningImport },
        },
      },
      async (request) => services.planningImports.start(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/admin/planning/imports/:id/cancel',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Cancel an import (its staged rows are deleted)',
          params: PlanningImportParams,
          response: { 200: PlanningImport },
        },
      },
      async (request) => services.planningImports.cancel(actorOf(request), request.params.id),
    );

    app.post(
      '/admin/planning/imports/:id/publish',
      {
        config: { access },
        schema: {
          tags,
          summary: "Publish a validated import: the dataset's live data switches to it at once",
          params: PlanningImportParams,
          response: { 200: PlanningImport },
        },
      },
      async (request) => services.planningImports.publish(actorOf(request), request.params.id),
    );
  };
}
