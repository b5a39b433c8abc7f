import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidStorageKeyError } from './errors.ts';
import { LocalDiskStorage } from './local-disk.storage.ts';

const KEY = '0123456789abcdef0123456789abcdef/800.webp';

let sandbox: string;
let root: string;
let storage: LocalDiskStorage;

beforeEach(async () => {
  // The root sits one level down so a traversal that escaped it would land in `sandbox`, where we look.
  sandbox = await mkdtemp(path.join(tmpdir(), 'nongsan-media-'));
  root = path.join(sandbox, 'media');
  storage = new LocalDiskStorage(root, 'http://localhost:8787/media/');
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('LocalDiskStorage', () => {
  it('round-trips bytes and reports existence', async () => {
    const bytes = new Uint8Array([1, 2, 3, 250, 251, 252]);
    expect(await storage.exists(KEY)).toBe(false);
    expect(await storage.get(KEY)).toBeNull();

    await storage.put(KEY, bytes, 'image/webp');

    expect(await storage.exists(KEY)).toBe(true);
    expect(await storage.get(KEY)).toEqual(bytes);
    expect(await listFiles(root)).toEqual([path.join('0123456789abcdef0123456789abcdef', '800.webp')]);
  });

  it('replaces a file whole and leaves no temp files behind', async () => {
    await storage.put(KEY, new Uint8Array(10_000).fill(1), 'image/webp');
    await storage.put(KEY, new Uint8Array([9, 9]), 'image/webp');

    expect(await storage.get(KEY)).toEqual(new Uint8Array([9, 9]));
    expect(await listFiles(root)).toHaveLength(1);
  });

  it('survives concurrent writes of the same key', async () => {
    const bytes = new Uint8Array(50_000).fill(7);
    await Promise.all(Array.from({ length: 8 }, () => storage.put(KEY, bytes, 'image/webp')));

    expect(await storage.get(KEY)).toEqual(bytes);
    expect(await listFiles(root)).toHaveLength(1);
  });

  it('does not call a directory a stored object', async () => {
    await storage.put(KEY, new Uint8Array([1]), 'image/webp');
    expect(await storage.exists('0123456789abcdef0123456789abcdef')).toBe(false);
    expect(await storage.exists(`${KEY}/nested`)).toBe(false);
  });

  it('builds public URLs under the base, with one slash', () => {
    expect(storage.url(KEY)).toBe(`http://localhost:8787/media/${KEY}`);
    expect(new LocalDiskStorage(root, '/media').url('a/b.webp')).toBe('/media/a/b.webp');
  });

  it.each([
    '../escaped.webp',
    'a/../../escaped.webp',
    '/etc/passwd',
    '..',
    '.',
    '',
    'a//b.webp',
    'a/./b.webp',
    '.hidden',
    'a\\..\\..\\escaped.webp',
    'C:\\escaped.webp',
    'a/%2e%2e/b.webp',
    'a/b.webp\0.png',
    'a/b.webp/',
    'x'.repeat(600),
  ])('refuses the key %j for every operation', async (key) => {
    await expect(storage.put(key, new Uint8Array([1]), 'image/webp')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(() => storage.url(key)).toThrow(InvalidStorageKeyError);
    expect(await listFiles(sandbox)).toEqual([]);
  });

  it('cannot read a file outside its root', async () => {
    await writeFile(path.join(sandbox, 'secret.txt'), 'mật khẩu');
    await expect(storage.get('../secret.txt')).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });
});
