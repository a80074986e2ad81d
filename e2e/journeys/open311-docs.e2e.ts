// docs/OPEN311.md promises curl examples that run as written: this runs every ```sh block of it, in order, against
// the real server (the documented http://localhost:3000 replaced by the test server's address, and the year of
// the documented reference PA-2026-000001 by this year's: numbers start again each year), with a key an
// administrator issued through the API, and checks each answer has the shape the document announces.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startServer } from '../support/server.ts';

const run = promisify(execFile);
const DOC = path.resolve(import.meta.dirname, '../../docs/OPEN311.md');

describe('docs/OPEN311.md', () => {
  test('every curl example runs as written and answers as described', async () => {
    const server = await startServer();
    // The server's clock is this process's: the year its reference numbers carry (Vietnam is UTC+7 all year).
    const yearInVietnam = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    try {
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: await server.adminPassword() }),
      });
      const headers = {
        cookie: login.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
        'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
        'content-type': 'application/json',
      };
      const issued = await fetch(`${server.baseUrl}/api/v1/api-clients`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Tài liệu' }),
      });
      assert.equal(issued.status, 201);
      const key = ((await issued.json()) as { apiKey: string }).apiKey;

      const doc = await readFile(DOC, 'utf8');
      const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
      assert.ok(blocks.length >= 6, 'the document has its examples');
      const script = blocks
        .join('\n')
        .replaceAll('http://localhost:3000', server.baseUrl)
        .replaceAll(/PA-\d{4}-(\d{6})/g, `PA-${yearInVietnam}-$1`)
        .replace(/^export KEY=.*$/m, `export KEY=${key}`);
      const outputs: string[] = [];
      for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
        if (!line.trim()) continue;
        if (line.startsWith('export ')) continue;
        const { stdout } = await run('bash', ['-c', `export KEY=${key}; set -eo pipefail; ${line}`]);
        outputs.push(stdout);
      }
      const [discovery, services, definition, created, createdXml, open, one, updates, error] = outputs;
      assert.equal(JSON.parse(discovery ?? '').endpoints[0].url, `${server.baseUrl}/open311/v2`);
      assert.match(services ?? '', /^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service>/);
      assert.equal(JSON.parse(definition ?? '').service_code, 'ha-tang-do-thi');
      const [filed] = JSON.parse(created ?? '');
      assert.equal(filed.service_request_id, `PA-${yearInVietnam}-000001`);
      assert.ok(filed.token);
      assert.match(
        createdXml ?? '',
        new RegExp(`<service_request_id>PA-${yearInVietnam}-000002</service_request_id>`),
      );
      assert.equal(JSON.parse(open ?? '').length, 2);
      const detail = JSON.parse(one ?? '');
      assert.equal(
        detail.length,
        1,
        `the documented reference, as PA-${yearInVietnam}-000001, exists on a fresh system`,
      );
      assert.equal(detail[0].notes[0].type, 'submitted');
      assert.match(updates ?? '', /<service_request_updates>/);
      assert.equal(JSON.parse(error ?? '')[0].code, 403);
    } finally {
      await server.stop();
    }
  });
});
