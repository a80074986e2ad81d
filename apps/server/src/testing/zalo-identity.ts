// Test support for zalo-auth.test.ts and zalo-merge.test.ts: an app on a fresh database talking to a fake
// graph.zalo.me, citizens signing in through HTTP, and everything the app logged and answered, to look for
// credentials in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../clock.ts';
import { type FakeZaloGraph, startFakeZaloGraph } from './fake-zalo-graph.ts';
import { startTestApp, type TestContext } from './harness.ts';
import { type CitizenAuth, reportKit } from './reports.ts';

export const APP_SECRET = 'zalo-app-secret-7f3a9c2e5b';

export type Res = LightMyRequestResponse;
type ErrorBody = { error: { code: string; details?: { zaloError?: number } } };
export const zaloErrorOf = (res: Res) => res.json<ErrorBody>().error.details?.zaloError;

export async function startZaloIdentityKit(options: { clock: Clock }) {
  /** Every log line the apps write and every body they answer. */
  const logLines: string[] = [];
  const bodies: string[] = [];
  /** Zalo-side credentials the tests hand out; none may ever show up in a log line or an answer. */
  const secrets = new Set<string>([APP_SECRET]);
  const captureLogger = () => ({
    level: 'trace',
    stream: new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  });

  const zalo: FakeZaloGraph = await startFakeZaloGraph({ appSecret: APP_SECRET });
  const t: TestContext = await startTestApp({
    clock: options.clock,
    logger: captureLogger(),
    env: {
      ZALO_APP_ID: '1234567890',
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_GRAPH_URL: zalo.url,
      RATE_LIMIT_PUBLIC_WRITES: '100000',
    },
  }).catch(async (error: unknown) => {
    // A listening fake would keep the test process alive after the failure.
    await zalo.close();
    throw error;
  });
  const kit = await reportKit(t);

  const call = async (opts: InjectOptions): Promise<Res> => {
    const res = await t.app.inject(opts);
    bodies.push(res.body);
    return res;
  };
  const credential = (prefix: string) => {
    const value = `${prefix}-${randomUUID()}`;
    secrets.add(value);
    return value;
  };
  const signIn = (accessToken: string, device?: CitizenAuth) =>
    call({ method: 'POST', url: '/api/v1/auth/zalo', payload: { accessToken }, headers: { ...device } });

  const z = {
    t,
    zalo,
    kit,
    call,
    captureLogger,
    logLines,
    /** Answers of apps other than `t` (made by a test), to be searched for credentials too. */
    bodies,
    credential,
    signIn,
    /** An anonymous device identity, as the web app starts one. */
    async newDevice() {
      const res = await call({ method: 'POST', url: '/api/v1/citizen/session' });
      assert.equal(res.statusCode, 201, res.body);
      const { citizenId, token } = res.json<{ citizenId: string; token: string }>();
      return { citizenId, token, auth: { authorization: `Bearer ${token}` } };
    },
    /** A Zalo user with a fresh valid access token. */
    zaloUser(userId = String(Math.floor(Math.random() * 1e15))) {
      const accessToken = credential('zat');
      zalo.addToken(accessToken, { userId, name: 'Nguyễn Văn A' });
      return { userId, accessToken };
    },
    async session(accessToken: string, device?: CitizenAuth) {
      const res = await signIn(accessToken, device);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ citizenId: string; token: string; linkedDevice: boolean }>();
      return { ...body, auth: { authorization: `Bearer ${body.token}` } };
    },
    /** The codes of the citizen's reports; null when the token is refused (401). */
    async myReports(auth: CitizenAuth): Promise<string[] | null> {
      const res = await call({ url: '/api/v1/me/reports', headers: auth });
      if (res.statusCode === 401) return null;
      assert.equal(res.statusCode, 200, res.body);
      return res
        .json<{ items: { code: string }[] }>()
        .items.map((r) => r.code)
        .sort();
    },
    citizenRow: (id: string) =>
      t.database.db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Nothing handed out as a Zalo credential appears in a log line or an answer (call it last). */
    assertNoLeaks() {
      assert.ok(logLines.length > 0, 'the logger wrote lines');
      for (const secret of secrets) {
        for (const line of logLines)
          assert.ok(!line.includes(secret), `log line leaks a credential: ${line}`);
        for (const body of bodies) assert.ok(!body.includes(secret), `response leaks a credential: ${body}`);
      }
    },
    async close() {
      await t.close();
      await zalo.close();
    },
  };
  return z;
}
export type ZaloIdentityKit = Awaited<ReturnType<typeof startZaloIdentityKit>>;
