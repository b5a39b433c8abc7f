import { InvalidStorageKeyError } from './errors.ts';
import type { ProcessedImage } from './process-image.ts';

/** Where variants live. Keys are `/`-separated relative paths this package makes (`<hash>/<width>.webp`). */
export type MediaStorage = {
  /** Stores the bytes under `key`, replacing what was there; readers never see a partial object. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  exists(key: string): Promise<boolean>;
  /** The public URL of `key` (a CDN or static route); does not check that it exists. */
  url(key: string): string;
};

/** Variants are named by content, so they never change once written: cache them for a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const MAX_KEY_LENGTH = 512;
// Each segment starts with a letter or digit: that alone rules out `.`, `..`, hidden files and empty
// segments; no backslash, colon or leading slash can appear, so no key names an absolute path.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Throws InvalidStorageKeyError unless `key` is a safe relative key; returns its segments. */
export function assertStorageKey(key: string): string[] {
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new InvalidStorageKeyError(String(key));
  }
  return key.split('/');
}

/** `base` without trailing slashes joined to the key, each segment percent-encoded. */
export function joinPublicUrl(base: string, key: string): string {
  const segments = assertStorageKey(key);
  return `${base.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}

export type StoreImageResult = {
  /** Keys written by this call. */
  written: string[];
  /** Keys already present (the same photo was uploaded before), left untouched. */
  skipped: string[];
};

/**
 * Writes the variants that are not stored yet. Keys derive from the original bytes, so an existing
 * key already holds these variants. Two concurrent uploads of the same photo may both write; that is
 * harmless because they write the same bytes and each put replaces the object whole.
 */
export async function storeImage(storage: MediaStorage, processed: ProcessedImage): Promise<StoreImageResult> {
  const outcomes = await Promise.all(
    processed.variants.map(async (variant) => {
      if (await storage.exists(variant.key)) return { key: variant.key, isWritten: false };
      await storage.put(variant.key, variant.bytes, 'image/webp');
      return { key: variant.key, isWritten: true };
    }),
  );
  return {
    written: outcomes.filter((o) => o.isWritten).map((o) => o.key),
    skipped: outcomes.filter((o) => !o.isWritten).map((o) => o.key),
  };
}
