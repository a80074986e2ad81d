// The system as an operator meets it: first start on an empty data directory, the generated admin
// password, restart on the same data, graceful shutdown on SIGTERM.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../support/server.ts';

describe('server lifecycle', () => {
  test('first start seeds the province and writes the first admin password; SIGTERM exits cleanly', async () => {
    const server = await startServer();
    try {
      const password = await server.adminPassword();
      assert.ok(password.length >= 12);
      const province = await (await fetch(`${server.baseUrl}/api/v1/province`)).json();
      assert.equal(province.communeCount, 102);
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      assert.equal(login.status, 200);
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
});
