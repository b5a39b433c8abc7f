import { describe, expect, it } from 'vitest';
import { decodableImageFormats, detectImageFormat, formatNames } from './detect-format.ts';

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );
}

function ftyp(...brands: string[]): Uint8Array {
  const [major = '', ...compatible] = brands;
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), [0, 0, 0, 8], 'meta');
}

describe('detectImageFormat', () => {
  it('recognises JPEG, PNG and WebP by their magic numbers', () => {
    expect(detectImageFormat(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toBe('jpeg');
    expect(detectImageFormat(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'))).toBe('png');
    expect(detectImageFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
  });

  it('tells AVIF from HEIC by the ftyp brands', () => {
    expect(detectImageFormat(ftyp('avif', 'mif1', 'avif', 'miaf'))).toBe('avif');
    expect(detectImageFormat(ftyp('mif1', 'mif1', 'avif'))).toBe('avif');
    expect(detectImageFormat(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(detectImageFormat(ftyp('mif1', 'mif1', 'heic'))).toBe('heic');
    // An MP4 video has an ftyp box too, with other brands.
    expect(detectImageFormat(ftyp('isom', 'isom', 'iso2', 'mp41'))).toBeNull();
  });

  it('does not read past a buffer whose ftyp box claims to be huge', () => {
    const lying = bytes([0xff, 0xff, 0xff, 0xff], 'ftyp', 'isom', [0, 0, 0, 0], 'mp41', 'ab');
    expect(detectImageFormat(lying)).toBeNull();
  });

  it('returns null for anything else, however it is named', () => {
    expect(detectImageFormat(new Uint8Array())).toBeNull();
    expect(detectImageFormat(bytes([0xff, 0xd8]))).toBeNull();
    expect(detectImageFormat(bytes('hello.jpg'))).toBeNull();
    expect(detectImageFormat(bytes('GIF89a', [1, 0, 1, 0]))).toBeNull();
    expect(detectImageFormat(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(detectImageFormat(bytes('%PDF-1.7'))).toBeNull();
  });
});

describe('decodableImageFormats', () => {
  it('always includes JPEG, PNG and WebP, and only known formats', () => {
    const formats = decodableImageFormats();
    expect(formats.slice(0, 3)).toEqual(['jpeg', 'png', 'webp']);
    for (const format of formats) expect(['jpeg', 'png', 'webp', 'avif', 'heic']).toContain(format);
  });
});

describe('formatNames', () => {
  it('lists names for people, with an optional conjunction', () => {
    expect(formatNames(['jpeg', 'png', 'webp'])).toBe('JPEG, PNG, WebP');
    expect(formatNames(['jpeg', 'png', 'webp'], 'hoặc')).toBe('JPEG, PNG hoặc WebP');
    expect(formatNames(['heic'], 'or')).toBe('HEIC');
    expect(formatNames([])).toBe('');
  });
});
