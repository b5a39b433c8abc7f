// @nongsan/vn: Vietnamese text folding, phone numbers, VND and dates, provinces, produce synonyms.
// Pure functions and data, no I/O: safe for the API, the web bundle and search engines alike.

export { ENGLISH_TERMS, type EnglishTerm, englishForms } from './english-terms.ts';
export { formatDateVn, formatVnd, isValidVnd, VND_SPACE } from './money.ts';
export { displayedName, type NameDisplay, nameInitials } from './names.ts';
export { formatVnPhone, maskPhone, maskPhonesIn, parseVnMobile, type VnMobileE164 } from './phone.ts';
export { findProvinceById, matchProvince, PROVINCES, type Province, type ProvinceKind } from './provinces.ts';
export {
  DEFAULT_SYNONYM_LIMIT,
  englishSynonyms,
  expandSynonyms,
  ONE_WAY_SYNONYMS,
  type OneWaySynonym,
  SYNONYM_GROUPS,
  synonymsFor,
} from './synonyms.ts';
export { CONTROL_CHARACTER, foldVietnamese, slugify } from './text.ts';
