import { z } from 'zod';

/** A photo is named by its content: the first 32 hex characters of the SHA-256 of the uploaded bytes. */
export const MediaIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a media id');

export const MediaVariantSchema = z.object({
  width: z.number().int(),
  format: z.literal('webp'),
  url: z.string(),
});

/** An uploaded photo: its WebP variants (ascending width) and an inline placeholder to paint at once. */
export const MediaSchema = z.object({
  mediaId: MediaIdSchema,
  width: z.number().int(),
  height: z.number().int(),
  variants: z.array(MediaVariantSchema),
  /** `data:image/webp;base64,...`, ~100–300 bytes. */
  placeholder: z.string(),
});
export type Media = z.infer<typeof MediaSchema>;
