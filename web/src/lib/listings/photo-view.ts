// How a stored photo is shown: responsive WebP variants and its inline placeholder. Types only from
// the contracts, so nothing of zod reaches the browser bundle.
import type { Media } from '@nongsan/contracts';

/** What a page needs to draw one photo. */
export type PhotoView = {
  mediaId: string;
  width: number;
  height: number;
  /** The smallest variant: a fallback `src` and a thumbnail. */
  src: string;
  srcset: string;
  /** A data: URI, or null when it is not one we trust inside a CSS url(). */
  placeholder: string | null;
};

// The API sends `data:image/webp;base64,...`. It ends up inside `background-image: url("...")` in
// a style attribute, so only base64 data of an image type is let through: nothing in it can close
// the url() or the attribute.
const SAFE_PLACEHOLDER = /^data:image\/(?:webp|png|jpeg|gif);base64,[A-Za-z0-9+/]+=*$/;

export function toPhotoView(media: Media): PhotoView {
  const variants = [...media.variants].sort((a, b) => a.width - b.width);
  return {
    mediaId: media.mediaId,
    width: media.width,
    height: media.height,
    src: variants[0]?.url ?? '',
    srcset: variants.map((v) => `${v.url} ${v.width}w`).join(', '),
    placeholder: SAFE_PLACEHOLDER.test(media.placeholder) ? media.placeholder : null,
  };
}

/** The style attribute value that paints the placeholder under the photo while it loads. */
export function placeholderStyle(placeholder: string | null): string | undefined {
  return placeholder ? `background-image:url("${placeholder}")` : undefined;
}
