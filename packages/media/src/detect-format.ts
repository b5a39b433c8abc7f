import sharp from 'sharp';

/** The input formats this package knows how to recognise. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

// HEIF brands (ISO/IEC 23008-12). `mif1`/`msf1` are generic HEIF: with no AVIF brand next to them
// the image items are HEVC in practice (iPhone photos carry `heic` + `mif1`).
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** Reads the brands of an ISO-BMFF `ftyp` box: the major brand, then the compatible ones. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A box declares its own size; clamp it so a lying size cannot make us read past the buffer.
  const boxSize = Math.min(view.getUint32(0), bytes.length, 4096);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/**
 * The format of an upload, from its first bytes (magic numbers) only. File names and declared
 * content types are chosen by the client and prove nothing, so they are never consulted.
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  const brands = ftypBrands(bytes);
  if (brands) {
    if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
    if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic';
  }
  return null;
}

/**
 * The formats the bundled libvips can decode. JPEG, PNG and WebP always; AVIF and HEIC depend on
 * how libheif was built. sharp's prebuilt binaries carry the AV1 decoder only (HEVC is patent
 * encumbered), which shows as `sharp.format.heif.input.fileSuffix` listing `.avif` alone; a
 * system libvips with libde265 lists `.heic` too.
 */
export function decodableImageFormats(): ImageFormat[] {
  const formats: ImageFormat[] = ['jpeg', 'png', 'webp'];
  const heif = sharp.format.heif;
  if (heif?.input.buffer) {
    const suffixes = heif.input.fileSuffix ?? [];
    if (suffixes.includes('.avif')) formats.push('avif');
    if (suffixes.includes('.heic') || suffixes.includes('.heif')) formats.push('heic');
  }
  return formats;
}

/** Names for people: "JPEG, PNG, WebP, AVIF", or with a conjunction "JPEG, PNG, WebP or AVIF". */
export function formatNames(formats: readonly ImageFormat[], conjunction?: string): string {
  const names: Record<ImageFormat, string> = {
    jpeg: 'JPEG',
    png: 'PNG',
    webp: 'WebP',
    avif: 'AVIF',
    heic: 'HEIC',
  };
  const list = formats.map((format) => names[format]);
  const last = list.pop();
  if (last === undefined) return '';
  if (list.length === 0) return last;
  return conjunction ? `${list.join(', ')} ${conjunction} ${last}` : `${list.join(', ')}, ${last}`;
}
