/// <reference types="node" />
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { setUpWebPlatform } from '../../platform/node-test-setup.ts';

const storage = setUpWebPlatform();
const { clearDraft, draftHasContent, loadDraft, newDraft, resumeDraft, saveDraft } = await import(
  './report-draft.ts'
);

/** Where the web adapter keeps the draft in the browser (its `dltt:` prefix and the draft's key). */
const STORED_AT = 'dltt:report-draft';

beforeEach(async () => {
  storage.failing = false;
  await clearDraft();
  storage.clear();
});

describe('report draft: a new one', () => {
  test('starts at the category step, or at the photos when a category tile was tapped', () => {
    assert.equal(newDraft().step, 'category');
    assert.equal(newDraft().categoryId, null);
    const fromTile = newDraft('cat-roads');
    assert.equal(fromTile.step, 'photos');
    assert.equal(fromTile.categoryId, 'cat-roads');
  });

  test('hides the reporter and asks consent again by default, and holds nothing yet', () => {
    const draft = newDraft();
    assert.equal(draft.version, 1);
    assert.equal(draft.hideIdentity, true);
    assert.equal(draft.consent, false);
    assert.deepEqual(draft.photos, []);
    assert.equal(draft.location, null);
    assert.equal(draft.communeCode, null);
    assert.equal(draft.description, '');
  });

  test('carries its own idempotency key the server accepts (8 to 100 of [A-Za-z0-9_-])', () => {
    const a = newDraft();
    const b = newDraft();
    assert.match(a.idempotencyKey, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(a.idempotencyKey, b.idempotencyKey);
  });
});

describe('report draft: saved and restored', () => {
  test('what is saved comes back as it was, idempotency key included, from the browser storage', async () => {
    const draft = {
      ...newDraft('cat-lights'),
      step: 'location' as const,
      description: 'Đèn đường hỏng',
      location: { lat: 12.68, lng: 108.05, accuracy: 20, source: 'gps' as const },
    };
    await saveDraft(draft);
    assert.deepEqual(JSON.parse(storage.getItem(STORED_AT) ?? 'null'), draft);
    assert.deepEqual(await loadDraft(), draft);
  });

  test('nothing saved, or thrown away, restores nothing', async () => {
    assert.equal(await loadDraft(), null);
    await saveDraft(newDraft());
    await clearDraft();
    assert.equal(await loadDraft(), null);
    assert.equal(storage.getItem(STORED_AT), null);
  });

  test('a draft an older version saved, or a damaged one, is not restored', async () => {
    const valid = newDraft();
    const stale = [
      { ...valid, version: 0 },
      { ...valid, step: 'review' },
      { ...valid, photos: null },
      { step: 'photos', photos: [] },
    ];
    for (const saved of stale) {
      storage.setItem(STORED_AT, JSON.stringify(saved));
      assert.equal(await loadDraft(), null, JSON.stringify(saved));
    }
    storage.setItem(STORED_AT, '{"version":1,');
    assert.equal(await loadDraft(), null);
  });

  test('a browser that refuses storage keeps the draft for this visit, and saving never fails', async () => {
    storage.failing = true;
    const draft = { ...newDraft(), description: 'Ổ gà' };
    await saveDraft(draft);
    assert.deepEqual(await loadDraft(), draft);
    storage.failing = false;
    assert.equal(storage.getItem(STORED_AT), null);
  });
});

describe('report draft: going on with it', () => {
  test('without a saved draft the wizard starts a new one', () => {
    const fresh = resumeDraft(null, null);
    assert.equal(fresh.step, 'category');
    assert.match(fresh.idempotencyKey, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(resumeDraft(null, 'cat-water').step, 'photos');
  });

  test('a saved draft is taken as it is when no category tile was tapped', () => {
    const saved = { ...newDraft('cat-roads'), step: 'details' as const, description: 'Cây đổ' };
    assert.equal(resumeDraft(saved, null), saved);
  });

  test('a tapped tile changes the category, keeps what was written and the key, and skips the category step', () => {
    const atCategory = { ...newDraft(), description: 'Rác ứ đọng' };
    const resumed = resumeDraft(atCategory, 'cat-waste');
    assert.equal(resumed.categoryId, 'cat-waste');
    assert.equal(resumed.step, 'photos');
    assert.equal(resumed.description, 'Rác ứ đọng');
    assert.equal(resumed.idempotencyKey, atCategory.idempotencyKey);

    const further = { ...newDraft('cat-roads'), step: 'location' as const };
    const moved = resumeDraft(further, 'cat-lights');
    assert.equal(moved.step, 'location');
    assert.equal(moved.categoryId, 'cat-lights');
  });
});

describe('report draft: worth keeping?', () => {
  test('only photos, a place or a description make it worth keeping', () => {
    const empty = newDraft('cat-roads');
    assert.equal(draftHasContent(empty), false);
    assert.equal(draftHasContent({ ...empty, description: '   ' }), false);
    assert.equal(draftHasContent({ ...empty, description: 'Ổ gà' }), true);
    assert.equal(
      draftHasContent({ ...empty, location: { lat: 12.7, lng: 108.1, accuracy: null, source: 'map' } }),
      true,
    );
    assert.equal(
      draftHasContent({
        ...empty,
        photos: [{ id: '0b9e4a52-6a3f-4c47-9d0e-2f1c8f0e7a11', width: 800, height: 600, exifLocation: null }],
      }),
      true,
    );
  });
});
