// The system as an operator meets it: first start on an empty data directory, the generated admin
// password, restart on the same data, graceful shutdown on SIGTERM (in-flight requests: http/app.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../support/server.ts';

describe('server lifecycle', () => {
  test('first start seeds the province and writes the first admin password; SIGTERM exits cleanly', async () => {
    const server = await startServer();
    try {
      const password = await server.generatedAdminPassword();
      assert.ok(password.length >= 12);
      const province = await (await fetch(`${server.baseUrl}/api/v1/province`)).json();
      assert.equal(province.communeCount, 102);
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      assert.equal(login.status, 200);
      // The generated password sits in a file: it opens nothing but its own replacement.
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const work = await fetch(`${server.baseUrl}/api/v1/agencies`, { headers: { cookie } });
      assert.equal(work.status, 403);
      assert.equal(
        ((await work.json()) as { error: { code: string } }).error.code,
        'PASSWORD_CHANGE_REQUIRED',
      );
      const home = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
      assert.equal(home.status, 200, 'the citizen app is built and served at /');
      const consoleHome = await fetch(`${server.baseUrl}/console/`, { headers: { accept: 'text/html' } });
      assert.equal(consoleHome.status, 200, 'the console is built and served at /console/');
      const deep = await fetch(`${server.baseUrl}/console/staff`, { headers: { accept: 'text/html' } });
      assert.equal(deep.status, 200);
      assert.match(await deep.text(), /<div id="root">|<div id="app">/);
    } finally {
      const code = await server.stop();
      assert.equal(code, 0, `exit code ${code}\n${server.output()}`);
    }
  });

  test('a restart on the same data keeps everything and creates no second admin', async () => {
    const first = await startServer();
    let second: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const password = await first.adminPassword();
      const signIn = async (baseUrl: string) => {
        const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        assert.equal(res.status, 200);
        const body = (await res.json()) as { csrfToken: string };
        const cookie = res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        return { cookie, 'x-csrf-token': body.csrfToken };
      };
      const headers = await signIn(first.baseUrl);
      const counts = async (baseUrl: string, h: Record<string, string>) => ({
        agencies: (
          (await (await fetch(`${baseUrl}/api/v1/agencies?pageSize=1`, { headers: h })).json()) as {
            total: number;
          }
        ).total,
        categories: (
          (await (await fetch(`${baseUrl}/api/v1/admin/categories`, { headers: h })).json()) as unknown[]
        ).length,
        communes: ((await (await fetch(`${baseUrl}/api/v1/communes`)).json()) as unknown[]).length,
      });
      const before = await counts(first.baseUrl, headers);
      assert.deepEqual(before, { agencies: 220, categories: 9, communes: 102 });
      const created = await fetch(`${first.baseUrl}/api/v1/agencies`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          code: 'kept-across-restart',
          name: 'Đơn vị còn sau khi khởi động lại',
          kind: 'other',
        }),
      });
      assert.equal(created.status, 201);
      assert.equal(await first.stop({ keepData: true }), 0);

      second = await startServer({}, first.reuse);
      assert.equal(
        await second.generatedAdminPassword(),
        await first.generatedAdminPassword(),
        'the password file is not rewritten',
      );
      assert.equal(await second.adminPassword(), password, 'the replaced password still opens');
      const again = await signIn(second.baseUrl);
      assert.deepEqual(
        await counts(second.baseUrl, again),
        { ...before, agencies: before.agencies + 1 },
        'no duplicate seed rows; only the agency created by hand is new',
      );
      const found = await fetch(`${second.baseUrl}/api/v1/agencies?q=con sau khi khoi dong`, {
        headers: again,
      });
      const page = (await found.json()) as { items: { code: string }[] };
      assert.deepEqual(
        page.items.map((a) => a.code),
        ['kept-across-restart'],
      );
      const admins = await fetch(`${second.baseUrl}/api/v1/staff-users?role=admin`, { headers: again });
      assert.equal(((await admins.json()) as { total: number }).total, 1);
    } finally {
      if (second) await second.stop();
      else await first.stop();
    }
  });
});
