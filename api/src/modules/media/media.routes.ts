import { createRoute, z } from '@hono/zod-openapi';
import { MediaSchema } from '@nongsan/contracts';
import { IMMUTABLE_CACHE_CONTROL } from '@nongsan/media';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as media from './media.service.ts';

/** One photo per request, in the field `file`; the format is read from its bytes, not its name or type. */
const MediaUploadSchema = z.object({ file: z.file().openapi({ type: 'string', format: 'binary' }) }).strict();

const uploadRoute = createRoute({
  method: 'post',
  path: '/media',
  tags: ['media'],
  summary: 'Upload a photo (JPEG, PNG, WebP, AVIF; at most 15 MB and 40 megapixels)',
  description:
    'Answers the WebP variants (400/800/1600 px wide, never upscaled) and an inline placeholder. ' +
    'The same photo uploaded twice has the same mediaId. A photo declaring more than 40 megapixels is ' +
    '422 VALIDATION_FAILED with a `file` issue of code `image_too_large`.',
  security: bearer,
  middleware: [signedIn] as const,
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: MediaUploadSchema } } },
  },
  responses: {
    201: json(MediaSchema, 'Stored'),
    ...errorsFor(400, 401, 413, 415, 422),
  },
});

const fileRoute = createRoute({
  method: 'get',
  path: '/media/files/{hash}/{file}',
  tags: ['media'],
  summary: 'One stored photo variant (local storage); cached for a year, the URL changes with the content',
  // Anything but a content hash and a variant's file name names no photo: 404 (lib/router.ts).
  request: {
    params: z.object({ hash: z.string().regex(media.MEDIA_HASH), file: z.string().regex(media.VARIANT_FILE) }),
  },
  responses: {
    200: {
      description: 'The WebP image',
      content: { 'image/webp': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: errors[404],
  },
});

export function mediaRoutes(deps: Deps) {
  return createRouter()
    .openapi(uploadRoute, async (c) => {
      const { file } = c.req.valid('form');
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json(await media.uploadMedia(deps, requireUser(c), bytes), 201);
    })
    .openapi(fileRoute, async (c) => {
      const { hash, file } = c.req.valid('param');
      const bytes = await media.readMediaFile(deps, hash, file);
      // Storages return bytes over a plain ArrayBuffer (never shared); the cast only narrows the type.
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'image/webp',
        'cache-control': IMMUTABLE_CACHE_CONTROL,
        'content-length': String(bytes.byteLength),
      });
    });
}
