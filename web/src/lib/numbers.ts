// Numbers typed on a phone keyboard, read the same way in the browser (live price preview) and in
// form actions. "45.000", "45 000" and "45,000 đ" all mean 45000: Vietnamese writes dots between
// thousands and đồng has no decimals.

/**
 * A whole number typed by a person, or null when it is not one. Thousands separators, spaces and
 * a trailing currency sign are dropped; anything else (letters, a minus sign) is not a whole number.
 */
export function parseWholeNumber(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/\s*(₫|đồng|đ|vnđ|vnd)$/i, '')
    .replace(/[\s.,\u00a0]/g, '');
  if (!/^\d{1,15}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}
