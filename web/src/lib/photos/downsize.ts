// Browser only. Phone cameras take 12–50 MP photos of 3–10 MB; upland 3G moves ~50 KB/s. The
// storefront never shows more than 1600 px, so each photo is shrunk to at most 2048 px on its
// longest side and re-encoded as JPEG before it leaves the phone: about a tenth of the bytes.

import { fitWithin } from './fit.ts';

export const JPEG_QUALITY = 0.85;
/** A photo already small enough and lighter than this is sent as it is (no second JPEG loss). */
const SEND_AS_IS_BYTES = 1_500_000;
const SENDABLE_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp']);

export type PreparedPhoto = { blob: Blob; width: number | null; height: number | null; isDownsized: boolean };

/**
 * Shrinks a photo for upload. The EXIF orientation is applied while decoding (a phone held upright
 * stores the pixels sideways plus a tag): the pixels drawn are the photo as the person saw it, and
 * the JPEG written carries no EXIF at all (no GPS position of the farm either).
 *
 * A file this browser cannot decode (HEIC on Chrome, say) is sent unchanged: the server decides,
 * and says which formats it takes.
 */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, width: null, height: null, isDownsized: false };
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const isSmallEnough = size.width === bitmap.width && size.height === bitmap.height;
    if (isSmallEnough && SENDABLE_AS_IS.has(file.type) && file.size <= SEND_AS_IS_BYTES) {
      return { blob: file, width: bitmap.width, height: bitmap.height, isDownsized: false };
    }
    const blob = await drawAsJpeg(bitmap, size);
    // Re-encoding a small, already compressed photo can make it bigger: keep the smaller one.
    if (isSmallEnough && blob.size >= file.size && SENDABLE_AS_IS.has(file.type)) {
      return { blob: file, width: bitmap.width, height: bitmap.height, isDownsized: false };
    }
    return { blob, width: size.width, height: size.height, isDownsized: true };
  } finally {
    // A 12 MP bitmap holds ~48 MB; cheap phones run out of memory if several wait for the collector.
    bitmap.close();
  }
}

async function drawAsJpeg(bitmap: ImageBitmap, size: { width: number; height: number }): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    paint(context, bitmap, size);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  paint(context, bitmap, size);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/jpeg', JPEG_QUALITY),
  );
}

function paint(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  bitmap: ImageBitmap,
  size: { width: number; height: number },
): void {
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
}
