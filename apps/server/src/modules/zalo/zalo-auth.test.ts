import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import { FAKE_ZALO_ERRORS, startFakeZaloGraph, ZMP_DEV_MOCK } from '../../testing/fake-zalo-graph.ts';
import { errorOf, startTestApp } from '../../testing/harness.ts';
import type { CitizenAuth } from '../../testing/reports.ts';
import { vn } from '../../testing/time.ts';

import {
  APP_SECRET,
  startZaloIdentityKit,
  type ZaloIdentityKit,
  zaloErrorOf,
} from '../../testing/zalo-identity.ts';

const proofOf = (accessToken: string, secret = APP_SECRET) =>
  createHmac('sha256', secret).update(accessToken).digest('hex');

describe('zalo identity: sign-in, phone and location', () => {
  const clock = manualClock(vn('2026-08-31', '08:00'));
  let z: ZaloIdentityKit;

  before(async () => {
    z = await startZaloIdentityKit({ clock });
  });
  after(() => z?.close());

  test('a verified token gives a session; signing in again is the same citizen and sees its reports', async () => {
    const user = z.zaloUser();
    const first = await z.session(user.accessToken);
    assert.equal(first.linkedDevice, false);
    const report = await z.kit.file(first.auth);
    const again = await z.session(user.accessToken);
    assert.equal(again.citizenId, first.citizenId);
    assert.notEqual(again.token, first.token);
    assert.deepEqual(await z.myReports(again.auth), [report.code]);
    const row = await z.citizenRow(first.citizenId);
    assert.equal(row?.zalo_id, user.userId);
    assert.ok(row?.zalo_linked_at);
    // Only /me was asked, with the token and its appsecret_proof in headers, never the app secret itself.
    const asked = z.zalo.requests.filter((r) => r.accessToken === user.accessToken);
    assert.equal(asked.length, 2);
    for (const r of asked) {
      assert.equal(r.path, '/v2.0/me');
      assert.equal(r.secretKey, undefined);
      assert.equal(r.appSecretProof, proofOf(user.accessToken));
    }
  });

  test("zmp-sdk's development mock (empty access token) signs in when the fake knows it", async () => {
    assert.deepEqual(errorOf(await z.signIn(ZMP_DEV_MOCK.accessToken)), [401, 'ZALO_TOKEN_INVALID']);
    z.zalo.addToken(ZMP_DEV_MOCK.accessToken, { userId: ZMP_DEV_MOCK.userId, name: ZMP_DEV_MOCK.name });
    const s = await z.session(ZMP_DEV_MOCK.accessToken);
    assert.equal((await z.citizenRow(s.citizenId))?.zalo_id, ZMP_DEV_MOCK.userId);
  });

  test('invalid and expired tokens are 401 ZALO_TOKEN_INVALID; a bad body is 400', async () => {
    assert.deepEqual(errorOf(await z.signIn(z.credential('unknown'))), [401, 'ZALO_TOKEN_INVALID']);
    const user = z.zaloUser();
    z.zalo.expireToken(user.accessToken);
    const expired = await z.signIn(user.accessToken);
    assert.deepEqual(errorOf(expired), [401, 'ZALO_TOKEN_INVALID']);
    assert.equal(zaloErrorOf(expired), FAKE_ZALO_ERRORS.expiredToken);
    const bad = await z.call({
      method: 'POST',
      url: '/api/v1/auth/zalo',
      payload: { accessToken: 'a b\nc' },
    });
    assert.deepEqual(errorOf(bad), [400, 'VALIDATION_FAILED']);
  });

  test('the fake refuses a wrong or missing appsecret_proof; a server with a wrong secret gets 502, not 401', async () => {
    const user = z.zaloUser();
    const ask = async (headers: Record<string, string>) =>
      (await fetch(`${z.zalo.url}/v2.0/me?fields=id`, { headers })).json() as Promise<{ error?: number }>;
    const proof = proofOf(user.accessToken);
    assert.equal((await ask({ access_token: user.accessToken, appsecret_proof: proof })).error, undefined);
    for (const wrong of [proofOf(user.accessToken, 'another-secret'), '', 'zz']) {
      const body = await ask({ access_token: user.accessToken, appsecret_proof: wrong });
      assert.equal(body.error, FAKE_ZALO_ERRORS.invalidProof);
    }
    assert.equal((await ask({ access_token: user.accessToken })).error, FAKE_ZALO_ERRORS.invalidProof);

    // A wrong ZALO_APP_SECRET is the operator's mistake: "reopen the app" (401) would send citizens in circles.
    const misconfigured = await startTestApp({
      logger: z.captureLogger(),
      env: { ZALO_APP_SECRET: 'not-the-app-secret', ZALO_GRAPH_URL: z.zalo.url },
    });
    try {
      const res = await misconfigured.app.inject({
        method: 'POST',
        url: '/api/v1/auth/zalo',
        payload: { accessToken: user.accessToken },
      });
      z.bodies.push(res.body);
      assert.deepEqual(errorOf(res), [502, 'ZALO_UNAVAILABLE']);
      assert.equal(zaloErrorOf(res), FAKE_ZALO_ERRORS.invalidProof);
    } finally {
      await misconfigured.close();
    }
  });

  test('Zalo answering 5xx or not JSON is 502 ZALO_UNAVAILABLE', async () => {
    const user = z.zaloUser();
    try {
      z.zalo.failWith('http500');
      assert.deepEqual(errorOf(await z.signIn(user.accessToken)), [502, 'ZALO_UNAVAILABLE']);
      z.zalo.failWith('not_json');
      assert.deepEqual(errorOf(await z.signIn(user.accessToken)), [502, 'ZALO_UNAVAILABLE']);
    } finally {
      z.zalo.failWith(null);
    }
    assert.equal((await z.signIn(user.accessToken)).statusCode, 200);
  });

  describe('phone and location', () => {
    let user: { userId: string; accessToken: string };
    let s: Awaited<ReturnType<ZaloIdentityKit['session']>>;
    const exchange = (what: 'phone' | 'location', auth: CitizenAuth, accessToken: string, code: string) =>
      z.call({
        method: 'POST',
        url: `/api/v1/citizen/zalo/${what}`,
        headers: auth,
        payload: { accessToken, code },
      });

    before(async () => {
      user = z.zaloUser();
      s = await z.session(user.accessToken);
    });

    test('a phone code gives the normalised number, stored on the citizen; a code works once', async () => {
      const code = z.credential('phone');
      z.zalo.addPhoneCode(code, { userId: user.userId, number: '84912345678' });
      const res = await exchange('phone', s.auth, user.accessToken, code);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { phone: '0912345678' });
      const row = await z.citizenRow(s.citizenId);
      assert.equal(row?.zalo_phone, '0912345678');
      assert.deepEqual(row?.zalo_phone_verified_at, clock.now());
      const infoCall = z.zalo.requests.findLast((r) => r.code === code);
      assert.equal(infoCall?.path, '/v2.0/me/info');
      assert.equal(infoCall?.secretKey, APP_SECRET);
      assert.equal(infoCall?.appSecretProof, proofOf(user.accessToken));

      assert.deepEqual(errorOf(await exchange('phone', s.auth, user.accessToken, code)), [
        400,
        'ZALO_CODE_INVALID',
      ]);
      const expired = z.credential('phone');
      z.zalo.addPhoneCode(expired, { userId: user.userId, number: '84912345678', expired: true });
      assert.deepEqual(errorOf(await exchange('phone', s.auth, user.accessToken, expired)), [
        400,
        'ZALO_CODE_INVALID',
      ]);
    });

    test('a Zalo error that is neither a token nor a code error is 502, logged with its number', async () => {
      const code = z.credential('phone');
      z.zalo.addPhoneCode(code, { userId: user.userId, number: '84912345678' });
      const appDisabled = -14002;
      z.zalo.failInfoWith(appDisabled);
      try {
        const res = await exchange('phone', s.auth, user.accessToken, code);
        assert.deepEqual(errorOf(res), [502, 'ZALO_UNAVAILABLE']);
        assert.equal(zaloErrorOf(res), appDisabled);
        const logged = z.logLines.filter(
          (l) => l.includes('"request failed"') && l.includes(`${appDisabled}`),
        );
        assert.equal(logged.length, 1, 'the operator sees the number in the error log');
      } finally {
        z.zalo.failInfoWith(null);
      }
      // The code was not used up: it still works once Zalo answers normally again.
      assert.equal((await exchange('phone', s.auth, user.accessToken, code)).statusCode, 200);
    });

    test('a number that is not a Vietnamese mobile is 422', async () => {
      const code = z.credential('phone');
      z.zalo.addPhoneCode(code, { userId: user.userId, number: '14155550123' });
      assert.deepEqual(errorOf(await exchange('phone', s.auth, user.accessToken, code)), [
        422,
        'ZALO_PHONE_UNSUPPORTED',
      ]);
      assert.equal((await z.citizenRow(s.citizenId))?.zalo_phone, '0912345678', 'the verified number stays');
    });

    test("another Zalo account's token is 403; a citizen without Zalo is 409; no bearer is 401", async () => {
      const other = z.zaloUser();
      const code = z.credential('phone');
      z.zalo.addPhoneCode(code, { userId: other.userId, number: '84987654321' });
      assert.deepEqual(errorOf(await exchange('phone', s.auth, other.accessToken, code)), [
        403,
        'ZALO_IDENTITY_MISMATCH',
      ]);
      assert.deepEqual(
        errorOf(await exchange('location', await z.kit.newCitizen(), user.accessToken, code)),
        [409, 'ZALO_NOT_LINKED'],
      );
      assert.deepEqual(errorOf(await exchange('phone', {} as CitizenAuth, user.accessToken, code)), [
        401,
        'CITIZEN_UNAUTHENTICATED',
      ]);
      // Nothing was exchanged: the code is still good for its owner.
      const otherSession = await z.session(other.accessToken);
      assert.deepEqual((await exchange('phone', otherSession.auth, other.accessToken, code)).json(), {
        phone: '0987654321',
      });
    });

    test('a location code gives coordinates, from strings or numbers; nonsense from Zalo is 502', async () => {
      const code = z.credential('loc');
      z.zalo.addLocationCode(code, { userId: user.userId, latitude: '12.6807', longitude: '108.0378' });
      const res = await exchange('location', s.auth, user.accessToken, code);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { lat: 12.6807, lng: 108.0378 });
      const numeric = z.credential('loc');
      z.zalo.addLocationCode(numeric, { userId: user.userId, latitude: 12.5, longitude: 108.25 });
      assert.deepEqual((await exchange('location', s.auth, user.accessToken, numeric)).json(), {
        lat: 12.5,
        lng: 108.25,
      });
      const wrong = z.credential('loc');
      z.zalo.addLocationCode(wrong, { userId: user.userId, latitude: '95', longitude: '' });
      assert.deepEqual(errorOf(await exchange('location', s.auth, user.accessToken, wrong)), [
        502,
        'ZALO_UNAVAILABLE',
      ]);
    });
  });

  test('without an app secret sign-in is 503; with Zalo down it is 502', async () => {
    const gone = await startFakeZaloGraph({ appSecret: APP_SECRET });
    const closedUrl = gone.url;
    await gone.close();
    for (const [env, expected] of [
      [{ ZALO_GRAPH_URL: z.zalo.url }, [503, 'ZALO_NOT_CONFIGURED']],
      [
        { ZALO_APP_SECRET: APP_SECRET, ZALO_GRAPH_URL: closedUrl, ZALO_TIMEOUT_MS: '2000' },
        [502, 'ZALO_UNAVAILABLE'],
      ],
    ] as const) {
      const other = await startTestApp({ logger: z.captureLogger(), env });
      try {
        const res = await other.app.inject({
          method: 'POST',
          url: '/api/v1/auth/zalo',
          payload: { accessToken: z.zaloUser().accessToken },
        });
        z.bodies.push(res.body);
        assert.deepEqual(errorOf(res), expected);
      } finally {
        await other.close();
      }
    }
  });

  // Last: it reads what every test above logged and answered. Fastify's request lines carry no headers or
  // bodies; what pino's redaction does with those is http/logging.test.ts's business.
  test('no Zalo token, code or app secret appears in any log line or response of the tests above', () => {
    assert.ok(
      z.logLines.some((l) => l.includes('"zalo sign-in"')),
      'sign-ins are logged',
    );
    assert.ok(
      z.logLines.some((l) => l.includes('ZALO_UNAVAILABLE')),
      'failures are logged',
    );
    assert.ok(z.bodies.length > 20);
    z.assertNoLeaks();
  });
});
