import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodableImageFormats } from './detect-format.ts';
import { MediaError, type MediaErrorCode } from './errors.ts';
import { MAX_INPUT_BYTES, processImage, variantWidths } from './process-image.ts';
import { exifGpsTags, makeJpegHeaderBomb, makePngHeaderBomb, webpChunkTypes } from './testing.ts';

const RED = { r: 255, g: 0, b: 0 };
const BLUE = { r: 0, g: 0, b: 255 };

function solid(width: number, height: number, background = '#4a8c3f') {
  return sharp({ create: { width, height, channels: 3, background } });
}

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof MediaError)) throw new Error(`expected a MediaError, got ${String(error)}`);
  return error;
}

async function expectCode(promise: Promise<unknown>, code: MediaErrorCode): Promise<MediaError> {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  return error;
}

async function pixelAt(bytes: Uint8Array, x: number, y: number) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return { r: data[i] ?? -1, g: data[i + 1] ?? -1, b: data[i + 2] ?? -1, a: data[i + 3] ?? -1 };
}

function expectColourNear(actual: { r: number; g: number; b: number }, expected: typeof RED) {
  // Lossy JPEG then WebP: allow some drift, but far less than the distance between red and blue.
  expect(Math.abs(actual.r - expected.r)).toBeLessThan(60);
  expect(Math.abs(actual.g - expected.g)).toBeLessThan(60);
  expect(Math.abs(actual.b - expected.b)).toBeLessThan(60);
}

describe('variantWidths', () => {
  it('keeps only the widths the image can fill, never upscaling', () => {
    expect(variantWidths(4000)).toEqual([400, 800, 1600]);
    expect(variantWidths(1600)).toEqual([400, 800, 1600]);
    expect(variantWidths(1599)).toEqual([400, 800]);
    expect(variantWidths(400)).toEqual([400]);
  });

  it('gives an image narrower than every width one variant at its own width', () => {
    expect(variantWidths(399)).toEqual([399]);
    expect(variantWidths(1)).toEqual([1]);
  });
});

describe('processImage', () => {
  it('turns a JPEG into WebP variants at 400, 800 and 1600 px with content-hash keys', async () => {
    const input = await solid(2000, 1500).jpeg().toBuffer();
    const result = await processImage(input);

    const hash = createHash('sha256').update(input).digest('hex').slice(0, 32);
    expect(result).toMatchObject({ hash, width: 2000, height: 1500, format: 'jpeg' });
    expect(result.variants.map((v) => [v.width, v.height, v.key])).toEqual([
      [400, 300, `${hash}/400.webp`],
      [800, 600, `${hash}/800.webp`],
      [1600, 1200, `${hash}/1600.webp`],
    ]);
    for (const variant of result.variants) {
      const meta = await sharp(variant.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', variant.width, variant.height]);
    }
  });

  it('paints a tiny WebP placeholder as a data URI well under 1 KB', async () => {
    const result = await processImage(await solid(1200, 900, '#c05020').jpeg().toBuffer());

    expect(result.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    expect(result.placeholder.length).toBeLessThan(512);
    const preview = Buffer.from(result.placeholder.split(',')[1] ?? '', 'base64');
    const meta = await sharp(preview).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(16);
    expectColourNear(await pixelAt(preview, 4, 4), { r: 0xc0, g: 0x50, b: 0x20 });
  });

  it('applies EXIF orientation 6: a 300×200 stored photo comes out 200×300, upright', async () => {
    // Stored landscape, red left and blue right. Orientation 6 means "rotate 90° clockwise to
    // view", so the stored left edge becomes the top: red on top, blue at the bottom.
    const input = await sharp({ create: { width: 300, height: 200, channels: 3, background: RED } })
      .composite([{ input: { create: { width: 150, height: 200, channels: 3, background: BLUE } }, left: 150, top: 0 }])
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const result = await processImage(input);

    expect([result.width, result.height]).toEqual([200, 300]);
    expect(result.variants).toHaveLength(1);
    const [variant] = result.variants;
    expect([variant?.width, variant?.height]).toEqual([200, 300]);
    const bytes = variant?.bytes ?? new Uint8Array();
    expectColourNear(await pixelAt(bytes, 100, 30), RED);
    expectColourNear(await pixelAt(bytes, 100, 270), BLUE);
    expect((await sharp(bytes).metadata()).orientation).toBeUndefined();
  });

  it('never leaks GPS: no EXIF, XMP or ICC chunk in any variant or the placeholder', async () => {
    const input = await solid(900, 600)
      .withExif({
        IFD0: { Make: 'TestPhone', Model: 'Field Camera' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '21/1 35/1 30/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '105/1 50/1 0/1',
        },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
          '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,35.5N"/>' +
          '</rdf:RDF></x:xmpmeta>',
      )
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    // The test means nothing unless the input really carries a location.
    const inputMeta = await sharp(input).metadata();
    expect(exifGpsTags(inputMeta.exif ?? new Uint8Array())).toEqual(expect.arrayContaining([1, 2, 3, 4]));
    expect(inputMeta.xmpAsString).toContain('GPSLatitude');
    expect(inputMeta.icc).toBeDefined();

    const result = await processImage(input);

    expect(result.variants.map((v) => v.width)).toEqual([400, 800]);
    const outputs = [
      ...result.variants.map((v) => v.bytes),
      Buffer.from(result.placeholder.split(',')[1] ?? '', 'base64'),
    ];
    for (const bytes of outputs) {
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      // Parse the container too: only image data chunks may be present.
      for (const type of webpChunkTypes(bytes)) expect(['VP8 ', 'VP8L', 'VP8X', 'ALPH']).toContain(type);
      expect(Buffer.from(bytes).includes('GPS')).toBe(false);
    }
  });

  it('does not upscale a small image: 300 px wide gives one 300 px variant', async () => {
    const result = await processImage(await solid(300, 450).png().toBuffer());

    expect(result.format).toBe('png');
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([[300, 450]]);
    expect(result.variants[0]?.key).toBe(`${result.hash}/300.webp`);
  });

  it('yields only the widths an image can fill: 1000 px wide gives 400 and 800', async () => {
    const result = await processImage(await solid(1000, 500).webp().toBuffer());

    expect(result.format).toBe('webp');
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [400, 200],
      [800, 400],
    ]);
  });

  it('bounds the variants of a very tall image by what WebP can encode (16383 px)', async () => {
    // 450×20000: at 400 and 420 wide it would be 17778 and 18667 tall, so both shrink to fit under
    // the limit, come out the same size, and are stored once.
    const result = await processImage(await solid(450, 20_000).png().toBuffer(), { widths: [400, 420, 800] });

    expect([result.width, result.height]).toEqual([450, 20_000]);
    expect(result.variants.map((v) => [v.width, v.height, v.key])).toEqual([[369, 16_383, `${result.hash}/369.webp`]]);
  });

  it('keeps transparency of a PNG with alpha', async () => {
    const circle = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="300"><circle cx="250" cy="150" r="100" fill="#ff0000"/></svg>',
    );
    const input = await sharp({
      create: { width: 500, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([{ input: circle }])
      .png()
      .toBuffer();

    const result = await processImage(input);

    expect(result.format).toBe('png');
    const [variant] = result.variants;
    expect([variant?.width, variant?.height]).toEqual([400, 240]);
    const bytes = variant?.bytes ?? new Uint8Array();
    expect((await sharp(bytes).metadata()).hasAlpha).toBe(true);
    expect((await pixelAt(bytes, 5, 5)).a).toBe(0);
    const centre = await pixelAt(bytes, 200, 120);
    expect(centre.a).toBe(255);
    expectColourNear(centre, RED);
  });

  it('converts 16-bit and CMYK input to 8-bit sRGB', async () => {
    const deep = await sharp({
      create: { width: 500, height: 300, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 1 } },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const cmyk = await solid(500, 300, '#c03020').toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');

    for (const [input, colour] of [
      [deep, { r: 10, g: 200, b: 30 }],
      [cmyk, { r: 0xc0, g: 0x30, b: 0x20 }],
    ] as const) {
      const bytes = (await processImage(input)).variants[0]?.bytes ?? new Uint8Array();
      const meta = await sharp(bytes).metadata();
      expect([meta.space, meta.depth]).toEqual(['srgb', 'uchar']);
      expectColourNear(await pixelAt(bytes, 10, 10), colour);
    }
  });

  it('gives the same bytes the same hash and the same variants, and other bytes another hash', async () => {
    const input = await solid(800, 600).jpeg({ quality: 80 }).toBuffer();
    const other = await solid(800, 600).jpeg({ quality: 81 }).toBuffer();

    const [first, second, third] = await Promise.all([
      processImage(input),
      processImage(new Uint8Array(input)),
      processImage(other),
    ]);

    expect(second.hash).toBe(first.hash);
    expect(second.variants.map((v) => Buffer.from(v.bytes).toString('base64'))).toEqual(
      first.variants.map((v) => Buffer.from(v.bytes).toString('base64')),
    );
    expect(third.hash).not.toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a text file whatever it is called (UNSUPPORTED_MEDIA_TYPE)', async () => {
    // A client may name this "photo.jpg" and declare image/jpeg: only the bytes are looked at.
    const error = await expectCode(
      processImage(new TextEncoder().encode('Xin chào, đây không phải là ảnh.\n')),
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(error.messages.vi).toMatch(/không phải là ảnh/);
    expect(error.messages.en).toMatch(/not a photo/);
    expect(error.message).toBe(`${error.messages.vi} / ${error.messages.en}`);
    expect(error.details?.supportedFormats).toEqual(expect.arrayContaining(['jpeg', 'png', 'webp']));
  });

  it('refuses a damaged JPEG: right magic number, truncated body', async () => {
    const input = await solid(600, 400).jpeg().toBuffer();
    await expectCode(processImage(input.subarray(0, Math.floor(input.length / 2))), 'UNSUPPORTED_MEDIA_TYPE');
    await expectCode(
      processImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)])),
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses image formats that are not photos: GIF and SVG', async () => {
    const gif = await solid(20, 20).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expectCode(processImage(gif), 'UNSUPPORTED_MEDIA_TYPE');
    await expectCode(processImage(svg), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an empty body', async () => {
    await expectCode(processImage(new Uint8Array()), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a 16 MB body with PAYLOAD_TOO_LARGE before looking inside', async () => {
    const body = new Uint8Array(16 * 1024 * 1024);
    body.set([0xff, 0xd8, 0xff]);
    const error = await expectCode(processImage(body), 'PAYLOAD_TOO_LARGE');
    expect(error.details).toEqual({ size: body.length, maxBytes: MAX_INPUT_BYTES });
    expect(error.messages.vi).toContain('15 MB');
  });

  it('lets a body of exactly the byte limit through to the format check', async () => {
    await expectCode(processImage(new Uint8Array(MAX_INPUT_BYTES)), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['PNG', async () => makePngHeaderBomb(30_000, 30_000)],
    ['JPEG', async () => makeJpegHeaderBomb(30_000, 30_000)],
  ])('refuses a tiny %s declaring 30000×30000 from its header, then keeps working', async (_name, make) => {
    const bomb = await make();
    expect(bomb.length).toBeLessThan(2_000);

    const error = await expectCode(processImage(bomb), 'IMAGE_TOO_LARGE');
    expect(error.details).toEqual({ width: 30_000, height: 30_000, maxPixels: 40_000_000 });

    const next = await processImage(await solid(640, 480).jpeg().toBuffer());
    expect(next.variants.map((v) => v.width)).toEqual([400]);
  });

  it('refuses more than 40 megapixels even when the file is small', async () => {
    // 8000×5001 is just over 40 MP; the header alone decides.
    await expectCode(processImage(makePngHeaderBomb(8000, 5001)), 'IMAGE_TOO_LARGE');
  });

  it('applies the pixel limit inclusively', async () => {
    const input = await solid(300, 200).png().toBuffer();
    await expect(processImage(input, { maxPixels: 60_000 })).resolves.toMatchObject({ width: 300 });
    await expectCode(processImage(input, { maxPixels: 59_999 }), 'IMAGE_TOO_LARGE');
  });

  it.runIf(decodableImageFormats().includes('avif'))('accepts AVIF where this libvips decodes it', async () => {
    const input = await solid(500, 300, '#2050c0').avif({ effort: 0 }).toBuffer();
    const result = await processImage(input);
    expect(result.format).toBe('avif');
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([[400, 240]]);
  });

  it.runIf(!decodableImageFormats().includes('heic'))(
    'refuses HEIC where this libvips cannot decode it, naming the formats that work',
    async () => {
      // An AVIF relabelled as HEIC (major brand heic, compatible mif1 + heic): what an iPhone sends.
      const input = Buffer.from(await solid(64, 64).avif({ effort: 0 }).toBuffer());
      input.write('heic', 8, 'ascii');
      input.write('mif1', 16, 'ascii');
      input.write('heic', 20, 'ascii');

      const error = await expectCode(processImage(input), 'UNSUPPORTED_MEDIA_TYPE');
      expect(error.details?.detectedFormat).toBe('heic');
      expect(error.details?.supportedFormats).toEqual(decodableImageFormats());
      expect(error.messages.en).toContain('HEIC');
      expect(error.messages.en).toContain('JPEG, PNG, WebP');
      expect(error.messages.vi).toContain('JPEG, PNG, WebP');
    },
  );
});
