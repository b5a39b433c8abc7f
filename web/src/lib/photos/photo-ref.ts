import type { Media } from '@nongsan/contracts';
import { toPhotoView } from '../listings/photo-view.ts';

/**
 * An uploaded photo as a form carries it between the browser and the form action: its id and what
 * is needed to show its thumbnail again if the form comes back with an error. Sent as JSON in a
 * hidden input named `photo`, one per photo, in display order.
 */
export type PhotoRef = { mediaId: string; src: string; placeholder: string | null };

export const PHOTO_FIELD = 'photo';
/** Without JavaScript: the ids of carried photos the person ticked to drop. */
export const DROP_FIELD = 'dropPhoto';

export function refOf(media: Media): PhotoRef {
  const view = toPhotoView(media);
  return { mediaId: view.mediaId, src: view.src, placeholder: view.placeholder };
}

const MEDIA_ID = /^[0-9a-f]{32}$/;
const SAFE_PLACEHOLDER = /^data:image\/(?:webp|png|jpeg|gif);base64,[A-Za-z0-9+/]+=*$/;

/**
 * A ref read back from a form post, or null. Only shapes this site produces pass: the id is a
 * media id, the thumbnail a path on this origin or an https URL, the placeholder base64 image
 * data. (The API still checks each id exists when the listing is saved.)
 */
export function parsePhotoRef(text: string): PhotoRef | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { mediaId, src, placeholder } = value as Record<string, unknown>;
  if (typeof mediaId !== 'string' || !MEDIA_ID.test(mediaId)) return null;
  if (typeof src !== 'string' || !(/^\/(?!\/)/.test(src) || src.startsWith('https://')) || src.length > 500) {
    return null;
  }
  const safePlaceholder = typeof placeholder === 'string' && SAFE_PLACEHOLDER.test(placeholder) ? placeholder : null;
  return { mediaId, src, placeholder: safePlaceholder };
}
