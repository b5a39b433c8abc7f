import { describe, expect, it } from 'vitest';
import { catalogue } from '../../web/src/lib/i18n/catalogue.ts';
import { en } from '../../web/src/lib/i18n/en/index.ts';
import { vi } from '../../web/src/lib/i18n/vi/index.ts';
import { placeholderStyle, toPhotoView } from '../../web/src/lib/listings/photo-view.ts';
import { parseWholeNumber } from '../../web/src/lib/numbers.ts';
import { fitWithin } from '../../web/src/lib/photos/fit.ts';
import { parsePhotoRef } from '../../web/src/lib/photos/photo-ref.ts';

// Pure helpers of the storefront's sell pages (web/ has no vitest project of its own: these
// modules import nothing of SvelteKit, so they are tested from here).

describe('parseWholeNumber: prices and quantities as typed on a phone', () => {
  it.each([
    ['45000', 45000],
    ['45.000', 45000],
    ['45 000', 45000],
    ['45,000', 45000],
    ['1.250.000 ₫', 1250000],
    ['45000đ', 45000],
    ['45.000 đồng', 45000],
    ['  7 ', 7],
    ['45\u00a0000', 45000],
  ])('%j is %d', (text, value) => {
    expect(parseWholeNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '-5', '4e5', '12kg', '0x10', '99999999999999999'])('%j is not a whole number', (text) => {
    expect(parseWholeNumber(text)).toBeNull();
  });
});

describe('fitWithin: the size a photo is drawn at before upload', () => {
  it('shrinks the longest side to 2048 px, keeping the shape', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(3000, 2000)).toEqual({ width: 2048, height: 1365 });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(2048, 10)).toEqual({ width: 2048, height: 10 });
  });

  it('keeps at least one pixel on a very thin panorama', () => {
    expect(fitWithin(100_000, 10)).toEqual({ width: 2048, height: 1 });
  });
});

const MEDIA_ID = '0123456789abcdef0123456789abcdef';
const PLACEHOLDER = 'data:image/webp;base64,UklGRkAAAABXRUJQ+/=';

describe('parsePhotoRef: photos carried by the form between posts', () => {
  it('reads back what the page wrote', () => {
    const ref = { mediaId: MEDIA_ID, src: `/api/v1/media/files/${MEDIA_ID}/400.webp`, placeholder: PLACEHOLDER };
    expect(parsePhotoRef(JSON.stringify(ref))).toEqual(ref);
    const cdn = { ...ref, src: 'https://cdn.example/photos/400.webp' };
    expect(parsePhotoRef(JSON.stringify(cdn))).toEqual(cdn);
  });

  it.each([
    ['not JSON', '{'],
    ['a bad media id', JSON.stringify({ mediaId: 'lst_1', src: '/a.webp', placeholder: null })],
    ['another site without https', JSON.stringify({ mediaId: MEDIA_ID, src: 'http://evil.example/a.webp' })],
    ['a protocol-relative URL', JSON.stringify({ mediaId: MEDIA_ID, src: '//evil.example/a.webp' })],
    ['a script URL', JSON.stringify({ mediaId: MEDIA_ID, src: 'javascript:alert(1)' })],
  ])('refuses %s', (_why, text) => {
    expect(parsePhotoRef(text)).toBeNull();
  });

  it('drops a placeholder that could break out of a CSS url()', () => {
    const text = JSON.stringify({
      mediaId: MEDIA_ID,
      src: '/a.webp',
      placeholder: 'data:image/webp;base64,AA");x:y("',
    });
    expect(parsePhotoRef(text)?.placeholder).toBeNull();
  });
});

describe('toPhotoView: responsive images from the API variants', () => {
  it('lists every variant in srcset, smallest as src', () => {
    const view = toPhotoView({
      mediaId: MEDIA_ID,
      width: 2048,
      height: 1365,
      placeholder: PLACEHOLDER,
      variants: [
        { width: 1600, format: 'webp', url: '/m/1600.webp' },
        { width: 400, format: 'webp', url: '/m/400.webp' },
        { width: 800, format: 'webp', url: '/m/800.webp' },
      ],
    });
    expect(view.src).toBe('/m/400.webp');
    expect(view.srcset).toBe('/m/400.webp 400w, /m/800.webp 800w, /m/1600.webp 1600w');
    expect(placeholderStyle(view.placeholder)).toBe(`background-image:url("${PLACEHOLDER}")`);
  });

  it('paints no placeholder it does not trust', () => {
    const view = toPhotoView({ mediaId: MEDIA_ID, width: 1, height: 1, placeholder: 'url(x)', variants: [] });
    expect(view.placeholder).toBeNull();
    expect(placeholderStyle(view.placeholder)).toBeUndefined();
  });
});

describe('message catalogues', () => {
  // `{unit:n}` is `{unit}` agreeing with `{n}` (English plurals).
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]).sort();

  it('English has every Vietnamese key, with the same {placeholders}, and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      const english = en[key as keyof typeof vi];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('refuses a key defined in two areas', () => {
    const first = { 'a.one': 'một' } as const;
    const second = { 'a.one': 'hai' } as const;
    // @ts-expect-error the compiler refuses it first, naming the shared key
    expect(() => catalogue(first).add(second).done()).toThrow('"a.one" is defined in two areas');
  });
});
