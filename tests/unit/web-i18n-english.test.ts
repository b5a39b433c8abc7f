import { UNITS } from '@nongsan/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/lib/i18n/en/index.ts';
import { englishPlural, loadAllMessages, translate } from '../../web/src/lib/i18n/index.ts';
import { vi } from '../../web/src/lib/i18n/vi/index.ts';

// English as an English reader expects it (issue 21, item 9): units agree with their number, and a
// product's (Vietnamese) name is quoted as a name, not run into an English sentence.

beforeAll(() => loadAllMessages());

describe('English plurals', () => {
  it('puts every unit in the plural the English way', () => {
    expect(Object.fromEntries(UNITS.map((u) => [u.en, englishPlural(u.en)]))).toEqual({
      kg: 'kg',
      '500 g pack': '500 g packs',
      '200 g pack': '200 g packs',
      '100 g pack': '100 g packs',
      bunch: 'bunches',
      'piece (fruit)': 'pieces (fruit)',
      item: 'items',
      plant: 'plants',
      'whole animal': 'whole animals',
      ten: 'tens',
      box: 'boxes',
      bag: 'bags',
      jar: 'jars',
      bottle: 'bottles',
      litre: 'litres',
    });
  });

  it('makes the unit agree with the count in English messages, and leaves Vietnamese alone', () => {
    expect(translate('en', 'cart.added', { n: 2, unit: 'litre' })).toBe('Added 2 litres to the cart.');
    expect(translate('en', 'cart.added', { n: 1, unit: 'litre' })).toBe('Added 1 litre to the cart.');
    expect(translate('en', 'listing.inStock', { n: '1.200', unit: 'jar' })).toBe('1.200 jars in stock');
    expect(translate('vi', 'cart.added', { n: 2, unit: 'lít' })).toBe(
      translate('vi', 'cart.added', { n: 2, unit: 'lít' }),
    );
    expect(translate('vi', 'cart.added', { n: 2, unit: 'lít' })).toContain('2 lít');
  });

  it('has no English message that counts a unit without making it agree', () => {
    expect(Object.entries(en).filter(([, text]) => /\{n\} \{unit\}/.test(text))).toEqual([]);
    // Vietnamese has no plurals: no `{unit:n}` there.
    expect(Object.entries(vi).filter(([, text]) => text.includes('{unit:'))).toEqual([]);
  });

  it('quotes a product name inside an English sentence', () => {
    // "One litre less of Mật ong rừng Tam Đảo" read as one sentence in two languages.
    const runIn = Object.entries(en).filter(([, text]) => /\w \{title\}|\{title\} \w/.test(text));
    expect(runIn).toEqual([]);
    expect(translate('en', 'cart.minus', { unit: 'litre', title: 'Mật ong rừng Tam Đảo' })).toBe(
      'One litre less: “Mật ong rừng Tam Đảo”',
    );
  });
});
