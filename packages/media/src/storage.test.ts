import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './local-disk.storage.ts';
import { processImage } from './process-image.ts';
import { type MediaStorage, storeImage } from './storage.ts';

/** Wraps a storage and counts writes, so a test can prove a second store writes nothing. */
function countingPuts(inner: MediaStorage): MediaStorage & { puts: string[] } {
  const puts: string[] = [];
  return {
    puts,
    put: async (key, bytes, contentType) => {
      puts.push(`${key} ${contentType}`);
      await inner.put(key, bytes, contentType);
    },
    get: (key) => inner.get(key),
    exists: (key) => inner.exists(key),
    url: (key) => inner.url(key),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nongsan-media-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('storeImage', () => {
  it('writes each variant once: the same photo uploaded twice is stored once', async () => {
    const storage = countingPuts(new LocalDiskStorage(dir, '/media'));
    const photo = await sharp({ create: { width: 1000, height: 750, channels: 3, background: '#7a5230' } })
      .jpeg()
      .toBuffer();

    const first = await processImage(photo);
    const firstStore = await storeImage(storage, first);
    const second = await processImage(Buffer.from(photo));
    const secondStore = await storeImage(storage, second);

    const keys = [`${first.hash}/400.webp`, `${first.hash}/800.webp`];
    expect(firstStore).toEqual({ written: keys, skipped: [] });
    expect(secondStore).toEqual({ written: [], skipped: keys });
    expect([...storage.puts].sort()).toEqual(keys.map((key) => `${key} image/webp`));
    for (const variant of first.variants) expect(await storage.get(variant.key)).toEqual(variant.bytes);
  });

  it('fills in a variant that is missing while skipping the ones present', async () => {
    const storage = countingPuts(new LocalDiskStorage(dir, '/media'));
    const processed = await processImage(
      await sharp({ create: { width: 900, height: 600, channels: 3, background: '#335533' } })
        .png()
        .toBuffer(),
    );
    const [small, large] = processed.variants;
    if (!small || !large) throw new Error('expected two variants');
    await storage.put(small.key, small.bytes, 'image/webp');

    expect(await storeImage(storage, processed)).toEqual({ written: [large.key], skipped: [small.key] });
  });
});
