import { UploadedPhoto } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';
import { MAX_PHOTO_BYTES } from './report-photos.image.ts';

/** Whatever the client declares, the bytes decide (report-photos.image.ts); these are just accepted as bodies. */
export const PHOTO_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/avif',
  'application/octet-stream',
];

export function reportPhotoRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['reports'];
  return async (app) => {
    app.addContentTypeParser(
      PHOTO_CONTENT_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/report-photos',
      {
        config: { access: 'citizen' },
        bodyLimit: MAX_PHOTO_BYTES,
        schema: {
          tags,
          summary:
            'Upload one photo (raw bytes, ≤ 10 MB; JPEG, PNG, WebP, HEIC) before submitting the report',
          response: { 201: UploadedPhoto },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('PHOTO_TYPE_NOT_ALLOWED');
        if (body.length === 0) throw new AppError('PHOTO_UNREADABLE');
        return reply.status(201).send(await services.reportPhotos.upload(citizenOf(request), body));
      },
    );

    app.get(
      '/me/report-photos/:id/:size',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'One of my photos (full size or thumbnail)',
          params: z.object({ id: z.uuid(), size: z.enum(['full', 'thumb']) }),
        },
      },
      async (request, reply) => {
        const file = await services.reportPhotos.fileForCitizen(
          citizenOf(request),
          request.params.id,
          request.params.size,
        );
        return reply.type(file.contentType).send(file.data);
      },
    );
  };
}
