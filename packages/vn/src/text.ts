// Vietnamese text folding. The folded form is what search indexes store and what queries are
// compared against (PostgreSQL, PGlite and Meilisearch alike), so its output is a storage format:
// changing what it returns for any input means reindexing. Keep it exactly to the rule below.

// Every combining mark (general category M). Vietnamese tone marks (U+0300 grave, U+0301 acute,
// U+0303 tilde, U+0309 hook above, U+0323 dot below) and vowel marks (U+0302 circumflex,
// U+0306 breve, U+031B horn) are all in it once the text is decomposed.
const COMBINING_MARKS = /\p{M}/gu;
// \s covers the no-break space, tabs, new lines and U+FEFF that pasted text often carries.
const WHITESPACE_RUN = /\s+/g;
const NON_ASCII = /[\u0080-\uffff]/;

/** The folding rule itself, before whitespace is collapsed; the table below is a cache of it. */
function foldByRule(text: string): string {
  // Lower case first: a few characters lower-case into a base letter plus a combining mark
  // (U+0130 'İ' → 'i' + U+0307), which the mark pass then removes.
  // NFD splits precomposed letters (ế → e + U+0302 + U+0301) and reorders marks typed in a
  // non-canonical order, so text in NFC, NFD or mixed form folds to the same string.
  // đ (U+0111) has no decomposition: it is a letter of its own, hence the explicit replace.
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replaceAll('đ', 'd');
}

// Folding character by character through a table is about three times faster than normalize()
// and a Unicode regex over the string, and gives the same result for the characters it covers:
// Latin letters (U+0000–U+024F and the Latin Extended Additional block U+1E00–U+1EFF, home of
// the precomposed Vietnamese vowels) and the combining marks U+0300–U+036F. None of these
// lower-cases differently in context, and NFD never joins characters, so rule(a + b) is
// rule(a) + rule(b). Each entry is computed by the rule itself; text with any other character
// takes the rule directly. text.test.ts checks the table against the rule for every code unit.
const TABLE_END = 0x1f00;
const FOLDED_CHAR: (string | undefined)[] = new Array(TABLE_END);
for (let code = 0; code < TABLE_END; code++) {
  if (code < 0x250 || (code >= 0x300 && code < 0x370) || code >= 0x1e00) {
    FOLDED_CHAR[code] = foldByRule(String.fromCharCode(code));
  }
}

function foldByTable(text: string): string | null {
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const char = FOLDED_CHAR[text.charCodeAt(i)];
    if (char === undefined) return null;
    folded += char;
  }
  return folded;
}

/**
 * Folds Vietnamese text for search: lower case, Unicode NFD with every combining mark dropped,
 * đ/Đ → d, whitespace runs collapsed to one space, trimmed.
 * `foldVietnamese('  Chè   Thái Nguyên ') === 'che thai nguyen'`. Idempotent.
 */
export function foldVietnamese(text: string): string {
  // Pure ASCII (queries typed without diacritics, text already folded) only needs lower case.
  const folded = NON_ASCII.test(text) ? (foldByTable(text) ?? foldByRule(text)) : text.toLowerCase();
  return folded.replace(WHITESPACE_RUN, ' ').trim();
}

const NON_ALPHANUMERIC_RUN = /[^a-z0-9]+/g;
const EDGE_HYPHENS = /^-+|-+$/g;

/**
 * A URL- and id-safe slug: the folded text with every run of characters other than a–z and 0–9
 * turned into one hyphen, without leading or trailing hyphens.
 * `slugify('Bà Rịa - Vũng Tàu') === 'ba-ria-vung-tau'`. Letters outside the Latin alphabet are
 * dropped, so the result may be empty.
 */
export function slugify(text: string): string {
  return foldVietnamese(text).replace(NON_ALPHANUMERIC_RUN, '-').replace(EDGE_HYPHENS, '');
}

/**
 * A control character a person never types (Unicode Cc: NUL, escape, DEL, the C1 block), tab and
 * line breaks aside. PostgreSQL refuses NUL in text; the rest would reach labels, CSV and SMS.
 */
export const CONTROL_CHARACTER = /[^\P{Cc}\t\n\r]/u;
