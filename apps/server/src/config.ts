import path from 'node:path';
import { type MapTiles, mapTileUrl } from '@dltt/contracts';
import { z } from 'zod';
import type { S3StoreConfig } from './storage/s3-file-store.ts';

const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A PostgreSQL memory setting: a whole number of kB or MB (`16MB`, `4096kB`). */
const PgMemory = z
  .string()
  .regex(/^[1-9][0-9]{0,6}(kB|MB)$/, 'a whole number followed by kB or MB, e.g. 16MB');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** PostgreSQL only: how long to wait for a connection, an answer, a statement (docs/OPERATIONS.md). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Embedded database only (docs/BENCHMARKS.md, "Memory"): PostgreSQL settings PGlite starts with. */
  PGLITE_SHARED_BUFFERS: PgMemory.default('16MB'),
  PGLITE_WORK_MEM: PgMemory.default('4MB'),
  PGLITE_MAINTENANCE_WORK_MEM: PgMemory.default('16MB'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  ADMIN_USERNAME: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/)
    .default('admin'),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: Bool.default(false),
  JOBS_ENABLED: Bool.default(true),
  STATIC_DIR_CITIZEN: z.string().optional(),
  STATIC_DIR_CONSOLE: z.string().optional(),
  /** Requests a minute per client address on public write endpoints. */
  RATE_LIMIT_PUBLIC_WRITES: z.coerce.number().int().min(1).default(30),
  OPEN311_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  /** Wrong or missing Open311 API keys an address may send in 15 minutes before it is refused outright. */
  OPEN311_KEY_FAILURES: z.coerce.number().int().min(1).default(10),
  KIOSK_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Who may read /metrics: addresses or CIDR ranges (comma-separated), and/or a bearer token. */
  METRICS_ALLOW: z.string().default('127.0.0.1,::1'),
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * The map's tile service (both apps read it from GET /api/v1/config; the CSP allows its hosts). The default,
   * OpenStreetMap's own servers, is for trying the system out only (docs/OPERATIONS.md, "Map tiles").
   */
  MAP_TILE_URL: z
    .string()
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .refine((v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)), 'must contain {z}, {x} and {y}'),
  MAP_TILE_SUBDOMAINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9-]+$/i))),
  MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(24).default(19),
  MAP_ATTRIBUTION: z.string().trim().min(1).max(200).default('© OpenStreetMap'),
  /** Empty for none. */
  MAP_ATTRIBUTION_URL: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ })])
    .default('https://www.openstreetmap.org/copyright'),
  /** Sign-in attempts a minute per client address (the per-account lockout comes on top). */
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  /** Failed logins in a row before an account is locked, and for how long. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  SESSION_IDLE_HOURS: z.coerce.number().min(0.1).default(12),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Folder of reference data (province, communes, agencies, categories) under apps/server/reference/. */
  PROVINCE: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('daklak'),
  /** Server secret for signed cookies and CSRF tokens; generated into DATA_DIR when absent. */
  SECRET_KEY: z.string().min(32).optional(),
  /** The mini app's id and secret from the Zalo developer console; without the secret, Zalo sign-in answers 503. */
  ZALO_APP_ID: z
    .string()
    .regex(/^[0-9]{1,32}$/)
    .optional(),
  ZALO_APP_SECRET: z.string().min(8).optional(),
  /** Refresh token of the Official Account (first one; the server keeps the rotated ones in the database). */
  ZALO_OA_REFRESH_TOKEN: z.string().min(8).optional(),
  /** Zalo's API hosts; tests point them at a fake server on loopback. */
  ZALO_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.zalo.me'),
  ZALO_OAUTH_URL: z.url({ protocol: /^https?$/ }).default('https://oauth.zaloapp.com'),
  ZALO_ZNS_URL: z.url({ protocol: /^https?$/ }).default('https://business.openapi.zalo.me'),
  ZALO_OA_URL: z.url({ protocol: /^https?$/ }).default('https://openapi.zalo.me'),
  ZALO_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Where uploaded files go: `local` (DATA_DIR/files, one node) or `s3` (an S3-compatible bucket, any number). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** The S3-compatible server (MinIO, Ceph, a cloud's object storage); empty for AWS itself. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)',
    )
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: Bool.default(false),
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  S3_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
  /** Largest planning file (zipped Shapefile or GeoJSON) an officer may upload, in MB. */
  PLANNING_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_000).default(500),
  /**
   * VN-2000 → WGS84 datum shift (seven Helmert parameters, +towgs84 of proj4) for the VN-2000 coordinate systems;
   * the rotation sign convention is disputed in practice (~0.5 m), hence configurable (docs/REFERENCE).
   */
  PLANNING_VN2000_TOWGS84: z
    .string()
    .default('-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278')
    .refine(
      (v) =>
        v.split(',').length === 7 && v.split(',').every((n) => Number.isFinite(Number(n)) && n.trim() !== ''),
      'seven comma-separated numbers (dx,dy,dz,rx,ry,rz,ds)',
    ),
  /**
   * Origins whose pages may call the API from a browser (CORS, without cookies): the Zalo Mini App runs on
   * Zalo's hosts, not on ours. Comma-separated; empty allows none.
   */
  CORS_ORIGINS: z
    .string()
    .default('https://h5.zdn.vn,https://h5.zadn.vn')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((o) => new URL(o).origin))),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Bounds on waiting for PostgreSQL; past them a request answers 503 DATABASE_UNAVAILABLE. */
  databaseTimeouts: { connectMs: number; queryMs: number; statementMs: number };
  /** PostgreSQL settings the embedded PGlite starts with (unused with DATABASE_URL). */
  pgliteSettings: { shared_buffers: string; work_mem: string; maintenance_work_mem: string };
  publicBaseUrl: string;
  secureCookies: boolean;
  admin: { username: string; password: string | undefined };
  logLevel: string;
  trustProxy: boolean;
  jobsEnabled: boolean;
  staticDirs: { citizen: string; console: string };
  rateLimitPublicWrites: number;
  /** Open311 requests a client may file per minute, per API key. */
  open311RateLimit: number;
  /** Failed Open311 key checks per address per 15 minutes before that address is refused (429). */
  open311KeyFailures: number;
  /** Check-ins and walk-in numbers per minute per address (a kiosk serves a whole centre). */
  kioskRateLimit: number;
  /** /metrics readers: these addresses or ranges, or whoever sends the token. */
  metrics: { allow: string[]; token: string | undefined };
  /** The map's tile service, as the apps receive it (GET /config). */
  mapTiles: MapTiles;
  /** The tile service's origins (every subdomain), allowed as images by the CSP. */
  mapTileOrigins: string[];
  rateLimitLogin: number;
  login: { maxFailures: number; lockMinutes: number };
  sessionIdleHours: number;
  shutdownGraceMs: number;
  referenceDir: string;
  secretKey: string | undefined;
  zalo: ZaloConfig;
  /** Browser origins allowed to call the API cross-origin (the mini app's hosts). */
  corsOrigins: string[];
  storage: StorageConfig;
  planning: PlanningConfig;
}

/** Planning imports: the upload limit and the VN-2000 datum shift used to reproject. */
export interface PlanningConfig {
  maxUploadBytes: number;
  /** proj4's +towgs84 value: seven comma-separated numbers. */
  vn2000ToWgs84: string;
}

/** Where uploaded files live. `s3.credentials.secretAccessKey` must never reach a response or a log line. */
export type StorageConfig = { driver: 'local'; dir: string } | { driver: 's3'; s3: S3StoreConfig };

/** Zalo Open API settings. `appSecret` and `oaRefreshToken` must never reach a response or a log line. */
export interface ZaloConfig {
  appId: string | undefined;
  appSecret: string | undefined;
  oaRefreshToken: string | undefined;
  graphUrl: string;
  oauthUrl: string;
  znsUrl: string;
  oaUrl: string;
  timeoutMs: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Reads the environment once; throws ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_STATEMENT_TIMEOUT_MS >= e.DATABASE_QUERY_TIMEOUT_MS) {
    // Otherwise a slow statement is cut by the client first and keeps running on the server.
    throw new ConfigError([
      'DATABASE_STATEMENT_TIMEOUT_MS: must be shorter than DATABASE_QUERY_TIMEOUT_MS, so PostgreSQL cancels a slow statement before the server stops waiting for it',
    ]);
  }
  // The template's hosts, one per subdomain: what the CSP must allow, and a check that the template is a URL.
  const mapTileOrigins: string[] = [];
  const hasSub = e.MAP_TILE_URL.includes('{s}');
  if (hasSub !== e.MAP_TILE_SUBDOMAINS.length > 0) {
    throw new ConfigError(['MAP_TILE_SUBDOMAINS: give subdomains exactly when MAP_TILE_URL contains {s}']);
  }
  for (const sub of hasSub ? e.MAP_TILE_SUBDOMAINS : ['']) {
    const sample = mapTileUrl({ url: e.MAP_TILE_URL, subdomains: [sub].filter(Boolean) }, 0, 0, 0);
    const url = URL.canParse(sample) ? new URL(sample) : null;
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new ConfigError(['MAP_TILE_URL: not an http(s) URL template']);
    }
    if (!mapTileOrigins.includes(url.origin)) mapTileOrigins.push(url.origin);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const storage = storageConfig(e, dataDir);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      queryMs: e.DATABASE_QUERY_TIMEOUT_MS,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    pgliteSettings: {
      shared_buffers: e.PGLITE_SHARED_BUFFERS,
      work_mem: e.PGLITE_WORK_MEM,
      maintenance_work_mem: e.PGLITE_MAINTENANCE_WORK_MEM,
    },
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    secureCookies: e.PUBLIC_BASE_URL.startsWith('https:'),
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    jobsEnabled: e.JOBS_ENABLED,
    staticDirs: {
      citizen: path.resolve(e.STATIC_DIR_CITIZEN ?? path.join(repoRoot, 'apps/citizen/dist')),
      console: path.resolve(e.STATIC_DIR_CONSOLE ?? path.join(repoRoot, 'apps/console/dist')),
    },
    rateLimitPublicWrites: e.RATE_LIMIT_PUBLIC_WRITES,
    open311RateLimit: e.OPEN311_RATE_LIMIT,
    open311KeyFailures: e.OPEN311_KEY_FAILURES,
    kioskRateLimit: e.KIOSK_RATE_LIMIT,
    metrics: {
      allow: e.METRICS_ALLOW.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      token: e.METRICS_TOKEN,
    },
    mapTiles: {
      url: e.MAP_TILE_URL,
      subdomains: e.MAP_TILE_SUBDOMAINS,
      maxZoom: e.MAP_TILE_MAX_ZOOM,
      attribution: e.MAP_ATTRIBUTION,
      attributionUrl: e.MAP_ATTRIBUTION_URL || null,
    },
    mapTileOrigins,
    rateLimitLogin: e.RATE_LIMIT_LOGIN,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    sessionIdleHours: e.SESSION_IDLE_HOURS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    referenceDir: path.join(repoRoot, 'apps/server/reference', e.PROVINCE),
    secretKey: e.SECRET_KEY,
    zalo: {
      appId: e.ZALO_APP_ID,
      appSecret: e.ZALO_APP_SECRET,
      oaRefreshToken: e.ZALO_OA_REFRESH_TOKEN,
      graphUrl: e.ZALO_GRAPH_URL.replace(/\/$/, ''),
      oauthUrl: e.ZALO_OAUTH_URL.replace(/\/$/, ''),
      znsUrl: e.ZALO_ZNS_URL.replace(/\/$/, ''),
      oaUrl: e.ZALO_OA_URL.replace(/\/$/, ''),
      timeoutMs: e.ZALO_TIMEOUT_MS,
    },
    corsOrigins: e.CORS_ORIGINS,
    storage,
    planning: {
      maxUploadBytes: e.PLANNING_MAX_UPLOAD_MB * 1024 * 1024,
      vn2000ToWgs84: e.PLANNING_VN2000_TOWGS84.split(',')
        .map((n) => n.trim())
        .join(','),
    },
  };
}

function storageConfig(e: z.infer<typeof EnvSchema>, dataDir: string): StorageConfig {
  if (e.STORAGE_DRIVER === 'local') return { driver: 'local', dir: path.join(dataDir, 'files') };
  const problems: string[] = [];
  if (!e.S3_BUCKET) problems.push('S3_BUCKET: required with STORAGE_DRIVER=s3');
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined))
    problems.push('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: give both or neither');
  if (problems.length > 0 || !e.S3_BUCKET) throw new ConfigError(problems);
  return {
    driver: 's3',
    s3: {
      endpoint: e.S3_ENDPOINT,
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      credentials:
        e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
          : undefined,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      timeoutMs: e.S3_TIMEOUT_MS,
      maxAttempts: e.S3_MAX_ATTEMPTS,
    },
  };
}
