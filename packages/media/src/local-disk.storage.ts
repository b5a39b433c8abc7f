import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { InvalidStorageKeyError } from './errors.ts';
import { assertStorageKey, joinPublicUrl, type MediaStorage } from './storage.ts';

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Files under `rootDir`, served by a static route at `publicBaseUrl`. The file extension carries the
 * type (`.webp`), so `contentType` is not stored.
 */
export class LocalDiskStorage implements MediaStorage {
  readonly rootDir: string;
  readonly publicBaseUrl: string;

  constructor(rootDir: string, publicBaseUrl: string) {
    this.rootDir = path.resolve(rootDir);
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The file for `key`; checked twice (pattern, then containment) because a miss here reads any file. */
  private pathOf(key: string): string {
    const filePath = path.resolve(this.rootDir, ...assertStorageKey(key));
    if (!filePath.startsWith(this.rootDir + path.sep)) throw new InvalidStorageKeyError(key);
    return filePath;
  }

  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<void> {
    const filePath = this.pathOf(key);
    await mkdir(path.dirname(filePath), { recursive: true });
    // Write a temp file in the same directory, flush it, then rename over the target: rename is
    // atomic on one filesystem, so a reader (or `exists`, which dedupe trusts) never sees half a file.
    const tempPath = `${filePath}.${randomUUID()}.tmp`;
    const handle = await open(tempPath, 'wx');
    try {
      try {
        await handle.writeFile(bytes);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(tempPath, filePath);
    } catch (error) {
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    const filePath = this.pathOf(key);
    try {
      const data = await readFile(filePath);
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const filePath = this.pathOf(key);
    try {
      return (await stat(filePath)).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  url(key: string): string {
    return joinPublicUrl(this.publicBaseUrl, key);
  }
}
