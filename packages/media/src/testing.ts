import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

// Synthetic photos for tests and the benchmark. They live in this package because only
// packages/media may import sharp (STYLE.md); tests/bench reaches them as `@nongsan/media/testing`.

/** A small deterministic PRNG (mulberry32), so a benchmark image is the same on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random pixels at a low resolution, upscaled smoothly: blotches of colour at a chosen scale. */
async function smoothNoise(
  random: () => number,
  options: { width: number; height: number; cell: number; channels: 1 | 3 },
): Promise<Buffer> {
  const { width, height, cell, channels } = options;
  const smallWidth = Math.max(2, Math.ceil(width / cell));
  const smallHeight = Math.max(2, Math.ceil(height / cell));
  const small = Buffer.alloc(smallWidth * smallHeight * channels);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(random() * 256);
  return sharp(small, { raw: { width: smallWidth, height: smallHeight, channels } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
}

function clampByte(value: number): number {
  return Math.min(255, Math.max(0, value));
}

export type PhoneLikePhotoOptions = {
  width?: number;
  height?: number;
  seed?: number;
  quality?: number;
};

/**
 * A phone-like JPEG (default 4000×3000, 12 MP): sky-to-field gradients, colour blotches at two
 * scales, sensor-like grain and a few hundred soft shapes (fruit, leaves), lightly blurred and
 * encoded at quality 90. Flat colour would compress to nothing and make size targets meaningless.
 */
export async function makePhoneLikeJpeg(options: PhoneLikePhotoOptions = {}): Promise<Buffer> {
  const { width = 4000, height = 3000, seed = 20261127, quality = 90 } = options;
  const random = createRandom(seed);
  const broad = await smoothNoise(random, { width, height, cell: 400, channels: 3 });
  const texture = await smoothNoise(random, { width, height, cell: 4, channels: 1 });
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = y / height;
    // Sky at the top, green field in the middle, brown soil at the bottom.
    const baseR = t < 0.35 ? 120 + 80 * t : t < 0.75 ? 70 + 40 * t : 120 + 30 * t;
    const baseG = t < 0.35 ? 170 + 60 * t : t < 0.75 ? 150 - 30 * t : 90;
    const baseB = t < 0.35 ? 230 - 40 * t : t < 0.75 ? 60 : 50;
    const textureWeight = t < 0.35 ? 0.15 : 0.6;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      const tex = ((texture[y * width + x] ?? 128) - 128) * textureWeight;
      const grain = (random() - 0.5) * 24;
      pixels[p] = clampByte(baseR + ((broad[p] ?? 128) - 128) * 0.35 + tex + grain);
      pixels[p + 1] = clampByte(baseG + ((broad[p + 1] ?? 128) - 128) * 0.35 + tex + grain);
      pixels[p + 2] = clampByte(baseB + ((broad[p + 2] ?? 128) - 128) * 0.35 + tex * 0.5 + grain);
    }
  }
  const shapes: string[] = [];
  for (let i = 0; i < 300; i++) {
    const cx = Math.round(random() * width);
    const cy = Math.round(height * (0.3 + random() * 0.7));
    const r = Math.round(10 + random() * 90);
    const hue = Math.round(random() * 140);
    const opacity = (0.5 + random() * 0.5).toFixed(2);
    const angle = Math.round(random() * 180);
    shapes.push(
      `<ellipse cx="${cx}" cy="${cy}" rx="${r}" ry="${Math.round(r * (0.4 + random() * 0.6))}" ` +
        `transform="rotate(${angle} ${cx} ${cy})" fill="hsl(${hue},65%,45%)" fill-opacity="${opacity}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .blur(0.5)
    .jpeg({ quality })
    .toBuffer();
}

/**
 * A tiny PNG whose IHDR declares `width`×`height` (valid CRC) with almost no pixel data: a
 * decompression bomb's header. Decoding it would need width×height×3 bytes of memory.
 */
export function makePngHeaderBomb(width = 30_000, height = 30_000): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real small JPEG whose SOF0 frame header is rewritten to declare `width`×`height`. */
export async function makeJpegHeaderBomb(width = 30_000, height = 30_000): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .jpeg({ mozjpeg: false, progressive: false })
    .toBuffer();
  for (let i = 2; i + 9 < jpeg.length; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xc0) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
  }
  throw new Error('no SOF0 marker in the generated JPEG');
}

/** The four-character codes of a WebP file's RIFF chunks (VP8, VP8L, VP8X, ALPH, EXIF, XMP, ICCP...). */
export function webpChunkTypes(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WEBP') {
    throw new Error('not a WebP file');
  }
  const types: string[] = [];
  for (let offset = 12; offset + 8 <= buffer.length; ) {
    types.push(buffer.toString('ascii', offset, offset + 4));
    const size = buffer.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return types;
}

/**
 * The tag numbers in the GPS IFD of a raw EXIF block (as `sharp().metadata().exif` returns it), or
 * null when there is no GPS IFD. Enough to prove a test photo really carries a location.
 */
export function exifGpsTags(exif: Uint8Array): number[] | null {
  const buffer = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const start = buffer.toString('ascii', 0, 4) === 'Exif' ? 6 : 0;
  const isLittleEndian = buffer.toString('ascii', start, start + 2) === 'II';
  const u16 = (offset: number) =>
    isLittleEndian ? buffer.readUInt16LE(start + offset) : buffer.readUInt16BE(start + offset);
  const u32 = (offset: number) =>
    isLittleEndian ? buffer.readUInt32LE(start + offset) : buffer.readUInt32BE(start + offset);
  const entries = (ifdOffset: number) =>
    Array.from({ length: u16(ifdOffset) }, (_, i) => ({
      tag: u16(ifdOffset + 2 + i * 12),
      value: u32(ifdOffset + 2 + i * 12 + 8),
    }));
  const gpsPointer = entries(u32(4)).find((entry) => entry.tag === 0x8825);
  if (!gpsPointer) return null;
  return entries(gpsPointer.value).map((entry) => entry.tag);
}

/** What the benchmark prints about the image library it measured. */
export function imageRuntimeInfo(): { sharp: string; vips: string; concurrency: number } {
  return { sharp: sharp.versions.sharp ?? '?', vips: sharp.versions.vips, concurrency: sharp.concurrency() };
}
