// The size a photo is drawn at before upload (pure arithmetic, no DOM: unit-tested on its own).

/** The longest side of an uploaded photo: the storefront never shows more than 1600 px. */
export const MAX_SIDE = 2048;

/** The size to draw at: the longest side at most `maxSide`, never enlarged. */
export function fitWithin(width: number, height: number, maxSide = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
