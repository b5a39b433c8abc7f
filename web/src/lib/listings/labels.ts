// Catalogue names and certification labels in the reader's language. Isomorphic (types only).
import type { Certification } from '@nongsan/contracts';
import type { Locale, Translate } from '../i18n/index.ts';

/** A category or unit as the API gives it, with both names. */
export type Named = { id: string; vi: string; en: string };

export function nameIn(entry: Named, locale: Locale): string {
  return locale === 'en' ? entry.en : entry.vi;
}

/** "VietGAP", "Hữu cơ", "OCOP ★★★★": the badge text. */
export function certificationLabel(cert: Pick<Certification, 'type' | 'stars'>, t: Translate): string {
  switch (cert.type) {
    case 'vietgap':
      return 'VietGAP';
    case 'globalgap':
      return 'GlobalGAP';
    case 'organic':
      return t('cert.organic');
    case 'ocop':
      // Search hits know the type only: plain "OCOP" rather than a badge with no stars.
      return cert.stars ? `OCOP ${'★'.repeat(cert.stars)}` : 'OCOP';
  }
}

/** What a screen reader says for the badge ("OCOP 4 sao" rather than four star symbols). */
export function certificationSpoken(cert: Pick<Certification, 'type' | 'stars'>, t: Translate): string {
  return cert.type === 'ocop' && cert.stars ? t('cert.ocopStars', { n: cert.stars }) : certificationLabel(cert, t);
}
