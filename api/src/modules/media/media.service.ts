import type { Media } from '@nongsan/contracts';
import type { DbOrTx } from '@nongsan/db';
import { MediaError, type MediaStorage, processImage, storeImage } from '@nongsan/media';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import * as repo from './media.repo.ts';

type MediaDeps = Pick<Deps, 'db' | 'media' | 'clock'>;

export function toMedia(row: repo.MediaRow, storage: MediaStorage): Media {
  return {
    mediaId: row.id,
    width: row.width,
    height: row.height,
    variants: row.variants.map((v) => ({ width: v.width, format: 'webp' as const, url: storage.url(v.key) })),
    placeholder: row.placeholder,
  };
}

/**
 * The package's refusals in our closed list. IMAGE_TOO_LARGE is not a code of ours: it is a
 * VALIDATION_FAILED on the `file` field (422, as the package recommends: the bytes were within the
 * limit, the person must resize), with the pixel counts in the field issue, so clients need no new
 * code to show it next to the photo picker. See docs/decisions/0006-stock-ledger-and-photo-uploads.md.
 */
function toAppError(error: MediaError): AppError {
  const message = error.message;
  switch (error.code) {
    case 'PAYLOAD_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', { message, details: { ...error.details, messages: error.messages } });
    case 'UNSUPPORTED_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', {
        message,
        details: { ...error.details, messages: error.messages },
      });
    case 'IMAGE_TOO_LARGE':
      return new AppError('VALIDATION_FAILED', {
        message,
        details: [
          {
            path: 'file',
            code: 'image_too_large',
            message: error.messages.en,
            messages: error.messages,
            ...error.details,
          },
        ],
      });
    default: {
      const unreachable: never = error.code;
      return unreachable;
    }
  }
}

/**
 * Checks, resizes and stores an uploaded photo. The CPU work and the storage writes happen before
 * the one insert, so no transaction is held open while sharp runs; if the insert fails the stored
 * variants are harmless (content-addressed: a retry finds and reuses them).
 */
export async function uploadMedia(deps: MediaDeps, user: SessionUser, bytes: Uint8Array): Promise<Media> {
  let processed: Awaited<ReturnType<typeof processImage>>;
  try {
    processed = await processImage(bytes);
  } catch (error) {
    if (error instanceof MediaError) throw toAppError(error);
    throw error;
  }
  await storeImage(deps.media, processed);
  const row = await repo.upsertMedia(deps.db, {
    id: processed.hash,
    width: processed.width,
    height: processed.height,
    sourceFormat: processed.format,
    variants: processed.variants.map((v) => ({ width: v.width, height: v.height, key: v.key })),
    placeholder: processed.placeholder,
    uploadedByUserId: user.userId,
    createdAt: deps.clock.now(),
  });
  return toMedia(row, deps.media);
}

/** Photos by id, in the order asked; ids with no photo are missing from the map. */
export async function findMediaMap(
  db: DbOrTx,
  storage: MediaStorage,
  mediaIds: readonly string[],
): Promise<Map<string, Media>> {
  const rows = await repo.findMediaByIds(db, mediaIds);
  return new Map(rows.map((row) => [row.id, toMedia(row, storage)]));
}

/** A stored variant is `<content hash>/<width>.webp`: the two parts of its file route. */
export const MEDIA_HASH = /^[0-9a-f]{32}$/;
export const VARIANT_FILE = /^[1-9][0-9]{0,4}\.webp$/;

/** The bytes of one stored variant, for the local file route. Keys we never make are 404 without a lookup. */
export async function readMediaFile(deps: Pick<Deps, 'media'>, hash: string, file: string): Promise<Uint8Array> {
  if (!MEDIA_HASH.test(hash) || !VARIANT_FILE.test(file)) throw new AppError('NOT_FOUND', { message: 'no such photo' });
  const bytes = await deps.media.get(`${hash}/${file}`);
  if (!bytes) throw new AppError('NOT_FOUND', { message: 'no such photo' });
  return bytes;
}
