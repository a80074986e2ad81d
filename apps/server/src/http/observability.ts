import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/pool.ts';
import { AppError } from '../errors.ts';

/**
 * The addresses and ranges of METRICS_ALLOW ("10.0.0.5", "10.0.0.0/8", "::1") as a BlockList (used here as an
 * allow-list). Throws at startup on an entry that is neither.
 */
export function metricsAllowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : null;
    if (!family || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)))
      throw new Error(`METRICS_ALLOW: "${entry}" is not an address or a CIDR range`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** /readyz answers 503 when `SELECT 1` takes longer (docs/OPERATIONS.md: probe timeouts must exceed it). */
export const READY_DEADLINE_MS = 2000;

/** /healthz (the process answers), /readyz (the database answers) and /metrics (Prometheus). */
export function registerObservability(
  app: FastifyInstance,
  database: Database,
  options: { collectDefaults: boolean; metrics: { allow: string[]; token: string | undefined } },
) {
  const { collectDefaults } = options;
  const allowed = metricsAllowList(options.metrics.allow);
  const { token } = options.metrics;
  /** Metrics name routes and show load: for the operator's scraper, not for anyone who reaches the port. */
  const mayReadMetrics = (request: FastifyRequest) => {
    const ip = request.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(ip) && allowed.check(ip, family)) return true;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return token !== undefined && bearer !== undefined && sameToken(bearer, token);
  };
  const registry = new Registry();
  if (collectDefaults) collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // Label by the route pattern, never the raw URL, so ids do not explode the series count.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ status: 'ok' }));
  app.get('/readyz', hide, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      // The one query outside a repository: readiness is about the pool itself, not any table. A database that
      // does not answer (a black-holed network) is as unready as one that refuses, and the probe says so fast.
      await Promise.race([
        database.pool.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('readiness deadline')), READY_DEADLINE_MS);
        }),
      ]);
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: database.kind });
    } finally {
      clearTimeout(timer);
    }
  });
  app.get('/metrics', hide, async (request, reply) => {
    if (!mayReadMetrics(request)) throw new AppError('FORBIDDEN');
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
