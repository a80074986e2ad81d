import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type CitizenAuth, newCitizen, type TestContext } from './harness.ts';
import { makeJpeg } from './photos.ts';

/** Ngã Sáu Ban Mê, in Phường Buôn Ma Thuột (GSO 24133). */
export const BMT = { lat: 12.6807, lng: 108.0378 };
/** Tuy Hòa, in Phường Tuy Hoà (22015), the former Phú Yên. */
export const TUY_HOA = { lat: 13.0955, lng: 109.3209 };

export type { CitizenAuth };

/** Citizens filing reports through the HTTP API, for tests of everything that happens after. */
export async function reportKit(t: TestContext) {
  const jpeg = await makeJpeg({ width: 640, height: 480 });
  const list = (await t.app.inject('/api/v1/categories')).json() as { id: string; code: string }[];
  const categories: Record<string, string> = Object.fromEntries(list.map((c) => [c.code, c.id]));

  const kit = {
    categories,
    jpeg,
    newCitizen: (): Promise<CitizenAuth> => newCitizen(t.app),
    async photo(auth: CitizenAuth): Promise<string> {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/report-photos',
        headers: { ...auth, 'content-type': 'image/jpeg' },
        payload: jpeg,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id;
    },
    /** Files a report at Ban Mê (overridable) with `photos` fresh photos; returns the created MyReport. */
    async file(
      auth: CitizenAuth,
      over: Record<string, unknown> = {},
      photos = 1,
    ): Promise<{ code: string; id: string; [k: string]: unknown }> {
      const photoIds = [];
      for (let i = 0; i < photos; i++) photoIds.push(await kit.photo(auth));
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...auth, 'idempotency-key': randomUUID() },
        payload: {
          categoryId: categories['ha-tang-do-thi'],
          location: { ...BMT, accuracy: 12, source: 'gps' },
          description: 'Đèn đường trước số 12 Lê Duẩn bị tắt ba đêm nay.',
          address: '12 Lê Duẩn',
          contactPhone: '0905 123 456',
          consent: true,
          photoIds,
          ...over,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    },
  };
  return kit;
}
