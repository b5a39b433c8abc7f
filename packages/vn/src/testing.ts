import iconv from 'iconv-lite';

// Test helpers for spreadsheet files (@nongsan/vn/testing). Not for production code.

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Windows-1258 the way Vietnamese Windows software writes it: vowels with circumflex, breve or horn
 * (â, ơ, ư, …) and đ are single bytes; tone marks are separate combining bytes after them.
 * @throws Error if the text has a character the code page cannot hold (it would become `?`).
 */
export function encodeWindows1258(text: string): Uint8Array {
  const legacy = [...text]
    .map((char) => {
      const decomposed = char.normalize('NFD');
      const tones = decomposed.match(TONES)?.join('') ?? '';
      return decomposed.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
  const bytes = iconv.encode(legacy, 'windows1258');
  if (iconv.decode(bytes, 'windows1258').normalize('NFC') !== text.normalize('NFC')) {
    throw new Error('text has characters Windows-1258 cannot encode');
  }
  return new Uint8Array(bytes);
}

/** UTF-16 with its byte-order mark, as Excel's "Unicode Text" writes it. */
export function encodeUtf16WithBom(text: string, endian: 'le' | 'be'): Uint8Array {
  const body = endian === 'le' ? Buffer.from(text, 'utf16le') : iconv.encode(text, 'utf16-be');
  return new Uint8Array([...(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]);
}
