import { createHash } from 'node:crypto';
import sharp, { type Channels, type Metadata, type OutputInfo } from 'sharp';
import { decodableImageFormats, detectImageFormat, formatNames, type ImageFormat } from './detect-format.ts';
import { MediaError } from './errors.ts';

/** 15 MiB: a 12–50 MP phone JPEG is 3–12 MB; anything bigger is not a phone photo. */
export const MAX_INPUT_BYTES = 15 * 1024 * 1024;
/** 40 megapixels: above every common phone's default mode (12–24 MP), far below memory trouble. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Card, detail page on a phone (2× density) and desktop / zoom. */
export const VARIANT_WIDTHS: readonly number[] = [400, 800, 1600];
/**
 * WebP quality 75, effort 4: measured on a 12 MP phone-like JPEG (tests/bench/media.ts), the 800 px
 * variant is ~70 KB (target ≤ 120 KB) and the whole pipeline 0.3–0.5 s on 2 cores; 78 costs ~13% more
 * bytes for no visible gain on a phone screen.
 */
export const WEBP_QUALITY = 75;
const WEBP_EFFORT = 4;
/** WebP cannot encode a side longer than this; a very tall image's variants are bounded by it. */
const WEBP_MAX_DIMENSION = 16_383;
/** Long side of the inline placeholder: enough for the colours and rough shapes, ~150–300 bytes. */
const PLACEHOLDER_SIZE = 16;

export type ProcessImageOptions = {
  maxInputBytes?: number;
  maxPixels?: number;
  widths?: readonly number[];
  quality?: number;
};

export type ImageVariant = {
  width: number;
  height: number;
  format: 'webp';
  /** Storage key: `<hash>/<width>.webp`. */
  key: string;
  bytes: Uint8Array;
};

export type ProcessedImage = {
  /** sha256 of the original bytes, hex, first 32 characters (128 bits). */
  hash: string;
  /** Dimensions of the original, upright (after EXIF orientation). */
  width: number;
  height: number;
  /** The input format, detected from the bytes. */
  format: ImageFormat;
  /** Ascending by width; never wider than the original. */
  variants: ImageVariant[];
  /** `data:image/webp;base64,...`, a tiny blurred preview to paint before the real photo loads. */
  placeholder: string;
};

const SHARP_FORMAT: Record<ImageFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  avif: 'heif',
  heic: 'heif',
};

function notAnImage(cause?: unknown): MediaError {
  const supported = decodableImageFormats();
  return new MediaError(
    'UNSUPPORTED_MEDIA_TYPE',
    {
      vi: `Tệp này không phải là ảnh hoặc ảnh đã bị hỏng. Hãy chọn ảnh ${formatNames(supported, 'hoặc')}.`,
      en: `This file is not a photo, or the photo is damaged. Choose a ${formatNames(supported, 'or')} photo.`,
    },
    { details: { supportedFormats: supported }, cause },
  );
}

function formatNotDecodable(format: ImageFormat): MediaError {
  const supported = decodableImageFormats();
  const accepted = formatNames(supported);
  const name = formatNames([format]);
  // iPhones shoot HEIC by default; say where the switch is rather than just "no".
  const iphone =
    format === 'heic'
      ? {
          vi: ' Trên iPhone: Cài đặt > Camera > Định dạng > Tương thích nhất.',
          en: ' On an iPhone: Settings > Camera > Formats > Most Compatible.',
        }
      : { vi: '', en: '' };
  return new MediaError(
    'UNSUPPORTED_MEDIA_TYPE',
    {
      vi: `Chưa đọc được ảnh ${name}. Các định dạng dùng được: ${accepted}.${iphone.vi}`,
      en: `${name} photos cannot be read here. Formats that work: ${accepted}.${iphone.en}`,
    },
    { details: { detectedFormat: format, supportedFormats: supported } },
  );
}

function payloadTooLarge(size: number, maxBytes: number): MediaError {
  const mb = Math.floor(maxBytes / (1024 * 1024));
  return new MediaError(
    'PAYLOAD_TOO_LARGE',
    {
      vi: `Ảnh quá nặng: tối đa ${mb} MB. Hãy chụp lại hoặc chọn ảnh nhỏ hơn.`,
      en: `The photo is too big: ${mb} MB at most. Take it again or choose a smaller photo.`,
    },
    { details: { size, maxBytes } },
  );
}

function imageTooLarge(width: number, height: number, maxPixels: number, cause?: unknown): MediaError {
  const mp = Math.round(maxPixels / 1_000_000);
  const dims = width > 0 ? `${width}×${height}` : '';
  return new MediaError(
    'IMAGE_TOO_LARGE',
    {
      vi: `Ảnh quá lớn${dims ? ` (${dims} điểm ảnh)` : ''}: tối đa ${mp} megapixel. Hãy thu nhỏ ảnh rồi thử lại.`,
      en: `The image is too large${dims ? ` (${dims} pixels)` : ''}: ${mp} megapixels at most. Resize it and try again.`,
    },
    { details: { width, height, maxPixels }, cause },
  );
}

/**
 * The widths to produce for an upright image `width` pixels wide: each configured width it can
 * fill, never an upscaled one; an image narrower than all of them gets one variant at its own width.
 */
export function variantWidths(width: number, widths: readonly number[] = VARIANT_WIDTHS): number[] {
  const sorted = [...new Set(widths)].sort((a, b) => a - b);
  const fitting = sorted.filter((w) => w <= width);
  return fitting.length > 0 ? fitting : [width];
}

/** The storage key of one variant; content-addressed so the same photo is stored once. */
export function variantKey(hash: string, width: number): string {
  return `${hash}/${width}.webp`;
}

export function hashImageBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Validates an upload and turns it into WebP variants and a placeholder.
 *
 * Order matters for safety: the byte limit, then magic numbers, then the header-only metadata read
 * (no pixels decoded) for the pixel limit; only then is anything decoded, and libvips gets the same
 * pixel limit again in case the header lied. Metadata (EXIF with GPS, XMP, IPTC, ICC) is never
 * copied: sharp strips it unless asked, and the colours are converted to sRGB.
 */
export async function processImage(bytes: Uint8Array, options: ProcessImageOptions = {}): Promise<ProcessedImage> {
  const maxInputBytes = options.maxInputBytes ?? MAX_INPUT_BYTES;
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  const quality = options.quality ?? WEBP_QUALITY;

  if (bytes.byteLength > maxInputBytes) throw payloadTooLarge(bytes.byteLength, maxInputBytes);
  const detected = detectImageFormat(bytes);
  if (!detected) throw notAnImage();
  if (!decodableImageFormats().includes(detected)) throw formatNotDecodable(detected);

  let metadata: Metadata;
  try {
    // Header only, no pixels: the limit is lifted here so a bomb's declared size can be read and
    // reported; libvips's own default would refuse it with an error that names no dimensions.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw notAnImage(error);
  }
  // libvips sniffs the bytes itself; if it disagrees with our magic numbers, trust neither.
  if (metadata.format !== SHARP_FORMAT[detected]) throw notAnImage();
  // An `ftyp` box can claim AVIF while the items are HEVC: the codec decides what can be decoded.
  const format: ImageFormat =
    metadata.format === 'heif' ? (metadata.compression === 'hevc' ? 'heic' : 'avif') : detected;
  if (!decodableImageFormats().includes(format)) throw formatNotDecodable(format);

  const { width: storedWidth, height: storedHeight } = metadata;
  if (!(storedWidth > 0 && storedHeight > 0)) throw notAnImage();
  if (storedWidth * storedHeight > maxPixels) throw imageTooLarge(storedWidth, storedHeight, maxPixels);
  const width = metadata.autoOrient?.width ?? storedWidth;
  const height = metadata.autoOrient?.height ?? storedHeight;

  const widths = variantWidths(width, options.widths);
  const largest = widths[widths.length - 1] ?? width;

  // Decode once, at the largest variant's size (JPEG and WebP shrink on load, so a 12 MP JPEG is
  // never fully decoded), into raw sRGB pixels; every variant and the placeholder are cut from
  // those. Cheaper than one decode per variant, especially for PNG, which cannot shrink on load.
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true })
      .resize({ width: largest, height: WEBP_MAX_DIMENSION, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw imageTooLarge(storedWidth, storedHeight, maxPixels, error);
    }
    throw notAnImage(error);
  }
  const { data, info } = decoded;
  const raw = { width: info.width, height: info.height, channels: info.channels };

  const hash = hashImageBytes(bytes);
  const [encoded, placeholder] = await Promise.all([
    Promise.all(
      widths.map(async (targetWidth): Promise<ImageVariant> => {
        const out = await sharp(data, { raw })
          .resize({ width: targetWidth, height: WEBP_MAX_DIMENSION, fit: 'inside', withoutEnlargement: true })
          .webp({ quality, effort: WEBP_EFFORT })
          .toBuffer({ resolveWithObject: true });
        return {
          width: out.info.width,
          height: out.info.height,
          format: 'webp',
          key: variantKey(hash, out.info.width),
          bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
        };
      }),
    ),
    makePlaceholder(data, raw),
  ]);
  // Bounded by the WebP height limit, two widths of a very tall image can come out the same size.
  const variants = encoded.filter((variant, i) => encoded.findIndex((v) => v.key === variant.key) === i);

  return { hash, width, height, format, variants, placeholder };
}

async function makePlaceholder(
  data: Buffer,
  raw: { width: number; height: number; channels: Channels },
): Promise<string> {
  // The browser stretches these few pixels over the card, so a light blur is enough to hide blocks.
  const preview = await sharp(data, { raw })
    .resize(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE, { fit: 'inside' })
    .blur(0.6)
    .webp({ quality: 40, effort: 6, alphaQuality: 50 })
    .toBuffer();
  return `data:image/webp;base64,${preview.toString('base64')}`;
}
