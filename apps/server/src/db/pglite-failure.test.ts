// The embedded database failing under a running server (here: its engine closed under it, standing in for any
// PGlite fault): requests answer 500 INTERNAL with the stack in the log, at once, never hang; the process lives.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { startTestApp, TEST_DATABASE_URL } from '../testing/harness.ts';

describe('embedded database (PGlite) failing', { skip: TEST_DATABASE_URL ? 'PGlite only' : false }, () => {
  test('a PGlite error is a 500 with a logged stack, not a hang; /readyz turns 503', async () => {
    const lines: { level: number; msg: string; err?: { stack?: string; message?: string } }[] = [];
    const t = await startTestApp({
      logger: {
        level: 'info',
        stream: new Writable({
          write(chunk, _encoding, done) {
            lines.push(JSON.parse(String(chunk)));
            done();
          },
        }),
      },
    });
    try {
      assert.equal((await t.app.inject('/api/v1/communes')).statusCode, 200);
      await t.database.pglite!.close();
      const res = await t.app.inject('/api/v1/communes');
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().error.code, 'INTERNAL');
      const logged = lines.find((l) => l.level === 50 && l.msg === 'request failed');
      assert.ok(logged?.err?.stack, 'the error is logged with its stack');
      // What PGlite says is its own (a closed engine fails inside its WASM glue): the stack is what helps.
      assert.match(logged.err.stack, /\n\s+at /);
      assert.equal((await t.app.inject('/readyz')).statusCode, 503);
    } finally {
      await t.close().catch(() => {});
    }
  });
});
