/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jpegName, PHOTO_LONG_EDGE, type PhotoCodec, SMALL_PHOTO_BYTES, shrinkPhoto } from './index.ts';

const photo = (bytes: number, type = 'image/jpeg', name = 'IMG_0001.jpg') =>
  new File([new Uint8Array(bytes)], name, { type, lastModified: 1_700_000_000_000 });

/** A codec that records what it was asked and answers as told. */
function fakeCodec(answer: { longEdge?: number | Error; shrunk?: number | Error }) {
  const calls: string[] = [];
  const codec: PhotoCodec = {
    async longEdge() {
      calls.push('longEdge');
      if (answer.longEdge instanceof Error) throw answer.longEdge;
      return answer.longEdge ?? 4000;
    },
    async shrink() {
      calls.push('shrink');
      if (answer.shrunk instanceof Error) throw answer.shrunk;
      return new Blob([new Uint8Array(answer.shrunk ?? 1000)], { type: 'image/jpeg' });
    },
  };
  return { codec, calls };
}

describe('shrinkPhoto', () => {
  test('a big camera photo is shrunk to a JPEG named as one, without decoding it twice', async () => {
    const { codec, calls } = fakeCodec({ shrunk: 400_000 });
    const original = photo(4_500_000, 'image/png', 'IMG_0001.png');
    const sent = await shrinkPhoto(original, codec);
    assert.deepEqual(calls, ['shrink']);
    assert.equal(sent.size, 400_000);
    assert.equal(sent.type, 'image/jpeg');
    assert.equal(sent.name, 'IMG_0001.jpg');
    assert.equal(sent.lastModified, original.lastModified);
  });

  test('a small file already within the long edge is sent as it is', async () => {
    const { codec, calls } = fakeCodec({ longEdge: PHOTO_LONG_EDGE });
    const original = photo(SMALL_PHOTO_BYTES);
    assert.equal(await shrinkPhoto(original, codec), original);
    assert.deepEqual(calls, ['longEdge']);
  });

  test('a small file of many pixels (a flat picture) is still brought to the long edge', async () => {
    const { codec, calls } = fakeCodec({ longEdge: PHOTO_LONG_EDGE + 1, shrunk: 90_000 });
    const sent = await shrinkPhoto(photo(300_000), codec);
    assert.deepEqual(calls, ['longEdge', 'shrink']);
    assert.equal(sent.size, 90_000);
  });

  test('a result no smaller than the original is dropped for the original', async () => {
    const original = photo(2_000_000);
    assert.equal(await shrinkPhoto(original, fakeCodec({ shrunk: 2_000_000 }).codec), original);
  });

  test('any failure falls back to the original file (the server re-encodes it)', async () => {
    const big = photo(3_000_000);
    assert.equal(await shrinkPhoto(big, fakeCodec({ shrunk: new Error('canvas too big') }).codec), big);
    const small = photo(100_000);
    assert.equal(await shrinkPhoto(small, fakeCodec({ longEdge: new Error('cannot decode') }).codec), small);
  });

  test('what the browser cannot draw (HEIC) or the picker did not type goes to the server untouched', async () => {
    for (const type of ['image/heic', 'image/heif', '']) {
      const { codec, calls } = fakeCodec({});
      const original = photo(3_000_000, type, 'IMG_0002.HEIC');
      assert.equal(await shrinkPhoto(original, codec), original, type);
      assert.deepEqual(calls, [], type);
    }
  });
});

test('jpegName', () => {
  assert.equal(jpegName('IMG_0001.png'), 'IMG_0001.jpg');
  assert.equal(jpegName('anh.chup.webp'), 'anh.chup.jpg');
  assert.equal(jpegName('photo'), 'photo.jpg');
  assert.equal(jpegName('.jpeg'), 'photo.jpg');
  assert.equal(jpegName(''), 'photo.jpg');
});
