// Vietnamese mobile numbers: the sign-in identity of every user (SMS codes go to them), so parsing
// is strict. A number is accepted only if it is written in one of the shapes people type and
// libphonenumber-js says it is a Vietnamese MOBILE number.
//
// The `mobile` build of libphonenumber-js carries the metadata needed to tell mobile ranges from
// landlines (the default `min` build cannot tell them apart) and is a third smaller than `max`;
// this package may end up in the web bundle.
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** A Vietnamese mobile number in E.164 form, e.g. `+84912345678`. */
export type VnMobileE164 = `+84${string}`;

// Since the 2018 renumbering every subscriber mobile number is 0 + 9 digits, the first of them
// 3, 5, 7, 8 or 9 (03x, 05x, 07x, 08x, 09x). libphonenumber decides which sub-ranges are in
// service; this shape keeps out the odd non-subscriber ranges its MOBILE type also covers, and
// is what formatVnPhone and maskPhone rely on.
const NATIONAL_SIGNIFICANT_NUMBER = /^[35789]\d{8}$/;
// Separators people put between digit groups. Anything else (letters, "ext", "*", a second "+")
// makes the input something other than a phone number, and is rejected rather than skipped:
// libphonenumber would otherwise happily extract a number out of "call 0912345678 now".
const SEPARATORS = /[\s.\-()]/g;
const DIGITS_WITH_OPTIONAL_PLUS = /^\+?\d+$/;
// Generous for "(+84) 912 345 678" and the like, small enough to refuse pasted junk cheaply.
const MAX_INPUT_LENGTH = 32;

/**
 * Parses a Vietnamese mobile number as people type it and returns it in E.164 form, or null.
 *
 * Accepted: `0912 345 678`, `0912.345.678`, `0912-345-678`, `+84 912 345 678`, `84912345678`,
 * `(+84) 912345678`, `0084912345678`, and the common slip of keeping the trunk 0 after the country
 * code (`+84 0912 345 678`). Full-width digits from some phone keyboards are accepted too.
 * Rejected: landlines, toll-free and premium numbers, wrong lengths, the pre-2018 11-digit mobile
 * numbers, the 9 digits without any prefix, letters, and numbers of other countries.
 */
export function parseVnMobile(input: string): VnMobileE164 | null {
  if (input.length > MAX_INPUT_LENGTH) return null;
  // NFKC maps full-width digits and the full-width plus to ASCII.
  const compact = input.normalize('NFKC').replace(SEPARATORS, '');
  if (!DIGITS_WITH_OPTIONAL_PLUS.test(compact)) return null;

  const nationalNumber = nationalSignificantNumber(compact);
  if (nationalNumber === null || !NATIONAL_SIGNIFICANT_NUMBER.test(nationalNumber)) return null;

  const parsed = parsePhoneNumberFromString(`+84${nationalNumber}`);
  if (parsed?.country !== 'VN' || !parsed.isValid() || parsed.getType() !== 'MOBILE') {
    return null;
  }
  return `+84${nationalNumber}`;
}

/** The digits after the country code or trunk prefix, or null when the prefix is not Vietnam's. */
function nationalSignificantNumber(compact: string): string | null {
  let rest: string;
  if (compact.startsWith('+84')) rest = compact.slice(3);
  else if (compact.startsWith('+')) return null;
  else if (compact.startsWith('0084')) rest = compact.slice(4);
  else if (compact.startsWith('0')) return compact.slice(1);
  // 84 without a plus is read as the country code only at the lengths that gives (84 + 9 digits,
  // or 84 + 0 + 9): the 9 digits of an 084 number typed without its 0 stay rejected.
  else if (compact.startsWith('84') && (compact.length === 11 || compact.length === 12)) {
    rest = compact.slice(2);
  } else return null;
  return rest.startsWith('0') ? rest.slice(1) : rest;
}

/**
 * Formats a Vietnamese mobile number the way Vietnamese people write it: `0912 345 678`.
 * Takes any form parseVnMobile accepts; returns null for anything it rejects.
 */
export function formatVnPhone(input: string): string | null {
  const e164 = parseVnMobile(input);
  if (e164 === null) return null;
  const n = e164.slice(3);
  return `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}

/**
 * Masks a phone number for logs and support screens: `+84912345678` → `+84 91* *** 678`.
 * The first two digits (the carrier) and the last three stay readable, enough to tell numbers
 * apart in a log without putting a person's number in it. Input that is not a Vietnamese mobile
 * number is masked down to its last two digits (`***43`), or to `***` when it has fewer than
 * six digits, so a mistyped number never reaches a log whole either.
 */
export function maskPhone(input: string): string {
  const e164 = parseVnMobile(input);
  if (e164 !== null) {
    const n = e164.slice(3);
    return `+84 ${n.slice(0, 2)}* *** ${n.slice(6)}`;
  }
  const digits = input.replace(/\D/g, '');
  return digits.length < 6 ? '***' : `***${digits.slice(-2)}`;
}

/** A Vietnamese mobile number inside free text: +84…, 84… or 0…, then 9 digits, maybe grouped. */
const PHONE_IN_TEXT = /(?<![\d+])(?:\+?84|0)(?:[ .-]?\d){9}(?!\d)/g;

/**
 * Masks every phone number inside a text (a log line, an SMS, an error message) as maskPhone
 * does. Longer digit runs (timestamps, amounts) are left alone.
 */
export function maskPhonesIn(text: string): string {
  return text.replace(PHONE_IN_TEXT, (found) => maskPhone(found));
}
