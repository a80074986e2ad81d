import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  test('defaults run the embedded system on port 3000 with data in ./data', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.dataDir, path.resolve('./data'));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.publicBaseUrl, 'http://localhost:3000');
    assert.equal(c.secureCookies, false);
    assert.equal(c.admin.username, 'admin');
    assert.equal(c.jobsEnabled, true);
    assert.match(c.referenceDir, /reference[/\\]daklak$/);
  });

  test('database timeouts: deliberate defaults, overridable, a statement timeout must undercut the read timeout', () => {
    assert.deepEqual(loadConfig({}).databaseTimeouts, {
      connectMs: 5000,
      queryMs: 15000,
      statementMs: 10000,
    });
    assert.deepEqual(
      loadConfig({
        DATABASE_CONNECT_TIMEOUT_MS: '2000',
        DATABASE_QUERY_TIMEOUT_MS: '4000',
        DATABASE_STATEMENT_TIMEOUT_MS: '3000',
      }).databaseTimeouts,
      { connectMs: 2000, queryMs: 4000, statementMs: 3000 },
    );
    assert.throws(
      () => loadConfig({ DATABASE_QUERY_TIMEOUT_MS: '5000', DATABASE_STATEMENT_TIMEOUT_MS: '5000' }),
      (e) => e instanceof ConfigError && /DATABASE_STATEMENT_TIMEOUT_MS/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: 'soon' }),
      (e) => e instanceof ConfigError && /DATABASE_CONNECT_TIMEOUT_MS/.test(e.message),
    );
  });

  test('embedded PGlite memory settings: small shared buffers by default, overridable, only kB or MB', () => {
    assert.deepEqual(loadConfig({}).pgliteSettings, {
      shared_buffers: '16MB',
      work_mem: '4MB',
      maintenance_work_mem: '16MB',
    });
    assert.deepEqual(
      loadConfig({
        PGLITE_SHARED_BUFFERS: '128MB',
        PGLITE_WORK_MEM: '8192kB',
        PGLITE_MAINTENANCE_WORK_MEM: '64MB',
      }).pgliteSettings,
      { shared_buffers: '128MB', work_mem: '8192kB', maintenance_work_mem: '64MB' },
    );
    for (const bad of ['16', '16 MB', '1GB', '0MB', '16MB; drop'])
      assert.throws(
        () => loadConfig({ PGLITE_SHARED_BUFFERS: bad }),
        (e) => e instanceof ConfigError && /PGLITE_SHARED_BUFFERS/.test(e.message),
        bad,
      );
  });

  test('https public URL turns on Secure cookies; trailing slash is dropped', () => {
    const c = loadConfig({ PUBLIC_BASE_URL: 'https://dltt.daklak.gov.vn/' });
    assert.equal(c.secureCookies, true);
    assert.equal(c.publicBaseUrl, 'https://dltt.daklak.gov.vn');
  });

  test("CORS origins: Zalo's mini app hosts by default, a list to override, empty for none, bad ones named", () => {
    assert.deepEqual(loadConfig({}).corsOrigins, ['https://h5.zdn.vn', 'https://h5.zadn.vn']);
    assert.deepEqual(
      loadConfig({ CORS_ORIGINS: ' https://a.example/ , http://b.example:8080' }).corsOrigins,
      ['https://a.example', 'http://b.example:8080'],
    );
    assert.deepEqual(loadConfig({ CORS_ORIGINS: '' }).corsOrigins, []);
    assert.throws(
      () => loadConfig({ CORS_ORIGINS: 'h5.zdn.vn' }),
      (e) => e instanceof ConfigError && /CORS_ORIGINS/.test(e.message),
    );
  });

  test('map tiles: OpenStreetMap by default; a template with subdomains gives the CSP every host; bad ones named', () => {
    const d = loadConfig({});
    assert.deepEqual(d.mapTiles, {
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      subdomains: [],
      maxZoom: 19,
      attribution: '© OpenStreetMap',
      attributionUrl: 'https://www.openstreetmap.org/copyright',
    });
    assert.deepEqual(d.mapTileOrigins, ['https://tile.openstreetmap.org']);
    const c = loadConfig({
      MAP_TILE_URL: 'https://{s}.tiles.example.vn/base/{z}/{x}/{y}.png?key=abc',
      MAP_TILE_SUBDOMAINS: 'a, b',
      MAP_TILE_MAX_ZOOM: '18',
      MAP_ATTRIBUTION: '© Bản đồ tỉnh',
      MAP_ATTRIBUTION_URL: '',
    });
    assert.deepEqual(c.mapTiles.subdomains, ['a', 'b']);
    assert.equal(c.mapTiles.maxZoom, 18);
    assert.equal(c.mapTiles.attributionUrl, null);
    assert.deepEqual(c.mapTileOrigins, ['https://a.tiles.example.vn', 'https://b.tiles.example.vn']);
    for (const [env, name] of [
      [{ MAP_TILE_URL: 'https://t.example/{z}/{x}.png' }, 'MAP_TILE_URL'],
      [{ MAP_TILE_URL: 'ftp://t.example/{z}/{x}/{y}.png' }, 'MAP_TILE_URL'],
      [{ MAP_TILE_URL: 'https://{s}.t.example/{z}/{x}/{y}.png' }, 'MAP_TILE_SUBDOMAINS'],
      [{ MAP_TILE_SUBDOMAINS: 'a,b' }, 'MAP_TILE_SUBDOMAINS'],
      [{ MAP_TILE_MAX_ZOOM: '30' }, 'MAP_TILE_MAX_ZOOM'],
      [{ MAP_ATTRIBUTION_URL: 'javascript:alert(1)' }, 'MAP_ATTRIBUTION_URL'],
    ] as const) {
      assert.throws(
        () => loadConfig(env),
        (e) => e instanceof ConfigError && e.message.includes(name),
        JSON.stringify(env),
      );
    }
  });

  test('storage: local files under DATA_DIR by default; S3 needs a bucket and both keys or neither', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: '/srv/dltt' }).storage, {
      driver: 'local',
      dir: '/srv/dltt/files',
    });
    const s3 = loadConfig({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'https://s3.example.vn',
      S3_BUCKET: 'dltt-photos',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    }).storage;
    assert.deepEqual(s3, {
      driver: 's3',
      s3: {
        endpoint: 'https://s3.example.vn',
        bucket: 'dltt-photos',
        region: 'us-east-1',
        credentials: { accessKeyId: 'key-id', secretAccessKey: 'secret' },
        forcePathStyle: true,
        timeoutMs: 5000,
        maxAttempts: 2,
      },
    });
    const noKeys = loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'dltt-photos' }).storage;
    assert.equal(noKeys.driver === 's3' && noKeys.s3.credentials, undefined, "the SDK's default chain");
    assert.throws(() => loadConfig({ STORAGE_DRIVER: 's3' }), /S3_BUCKET: required/);
    assert.throws(
      () => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'dltt-photos', S3_ACCESS_KEY_ID: 'key-id' }),
      /give both or neither/,
    );
    assert.throws(() => loadConfig({ STORAGE_DRIVER: 'gcs' }), /STORAGE_DRIVER/);
    assert.throws(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'Bad_Bucket' }), /S3_BUCKET/);
  });

  test('every wrong variable is named at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        ADMIN_PASSWORD: 'short',
        JOBS_ENABLED: 'maybe',
      });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      for (const v of ['PORT', 'DATABASE_URL', 'ADMIN_PASSWORD', 'JOBS_ENABLED'])
        assert.match(text, new RegExp(v));
    }
  });
});
