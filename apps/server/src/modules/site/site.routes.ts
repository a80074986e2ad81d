import { SiteConfig } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';

/** Run-time settings of the apps (the map's tile service), so that changing them needs no rebuild. */
export function siteRoutes(config: Config): FastifyPluginAsyncZod {
  const answer: SiteConfig = { map: config.mapTiles };
  return async (app) => {
    app.get(
      '/config',
      {
        config: { access: 'public' },
        schema: {
          tags: ['site'],
          summary: "The apps' run-time settings: the map tile URL template, maximum zoom and attribution",
          response: { 200: SiteConfig },
        },
      },
      async (_request, reply) => {
        // A few minutes: a changed setting reaches open apps soon after a restart, and costs little.
        reply.header('cache-control', 'public, max-age=300');
        return answer;
      },
    );
  };
}
