import { describe, expect, it } from 'vitest';
import { formatVnPhone, maskPhone, maskPhonesIn, parseVnMobile } from './phone.ts';

describe('parseVnMobile', () => {
  it.each([
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '0912345678',
    '+84 912 345 678',
    '+84912345678',
    '84912345678',
    '(+84) 912345678',
    '(+84) 912-345-678',
    '0084912345678',
    '00 84 912 345 678',
    '+84 0912 345 678',
    '840912345678',
    '  0912 345 678  ',
    '0912\u00a0345\u00a0678',
    '０９１２３４５６７８',
  ])('reads %j as +84912345678', (input) => {
    expect(parseVnMobile(input)).toBe('+84912345678');
  });

  it.each([
    ['0321234567', '+84321234567'], // Viettel 03x
    ['0522345678', '+84522345678'], // Vietnamobile 05x
    ['0592345678', '+84592345678'], // Gmobile 059
    ['0701234567', '+84701234567'], // MobiFone 07x
    ['0812345678', '+84812345678'], // VinaPhone 08x
    ['0871234567', '+84871234567'], // iTel 087
    ['0961234567', '+84961234567'], // Viettel 09x
    ['0991234567', '+84991234567'],
  ])('accepts the mobile prefix of %j', (input, expected) => {
    expect(parseVnMobile(input)).toBe(expected);
  });

  it.each([
    ['02438123456', 'a Hà Nội landline'],
    ['+84 28 3812 3456', 'a Hồ Chí Minh landline'],
    ['0208 312 3456', 'a Thái Nguyên landline'],
    ['1800 1234', 'a toll-free number'],
    ['1900 1234', 'a premium-rate number'],
    ['0501234567', 'a mobile-shaped number in a range not in service'],
    ['0121012345', 'a MOBILE range that is not a 10-digit subscriber number'],
    ['01912345678', 'a pre-2018 11-digit mobile number'],
    ['091234567', 'one digit short'],
    ['09123456789', 'one digit long'],
    ['912345678', 'no trunk 0 and no country code'],
    ['84 0912 3456', 'a country code with too few digits'],
    ['+1 202 555 0143', 'a US number'],
    ['+86 139 1234 5678', 'a Chinese mobile number'],
    ['0086 139 1234 5678', 'a Chinese mobile number with the 00 prefix'],
    ['call 0912345678', 'surrounding words'],
    ['0912345678x', 'a trailing letter'],
    ['0912 345 678 ext 12', 'an extension'],
    ['09l2345678', 'a letter l for a digit 1'],
    ['+84+912345678', 'two plus signs'],
    ['0912345678+', 'a plus at the end'],
    ['', 'nothing'],
    ['   ', 'only spaces'],
    ['+', 'only a plus'],
    [`0912345678${' '.repeat(40)}`, 'an overlong input'],
  ])('rejects %j (%s)', (input) => {
    expect(parseVnMobile(input)).toBeNull();
  });
});

describe('formatVnPhone', () => {
  it('writes the national form in 4-3-3 groups from any accepted form', () => {
    expect(formatVnPhone('+84912345678')).toBe('0912 345 678');
    expect(formatVnPhone('0084 321 234 567')).toBe('0321 234 567');
    expect(formatVnPhone('0871.234.567')).toBe('0871 234 567');
  });

  it('returns null for what parseVnMobile rejects', () => {
    expect(formatVnPhone('02438123456')).toBeNull();
    expect(formatVnPhone('hello')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps the carrier digits and the last three digits of a mobile number', () => {
    expect(maskPhone('+84912345678')).toBe('+84 91* *** 678');
    expect(maskPhone('0321 234 567')).toBe('+84 32* *** 567');
  });

  it('never shows the middle digits', () => {
    expect(maskPhone('+84912345678')).not.toMatch(/2345/);
    expect(maskPhone('+84912345678').replace(/\D/g, '')).toBe('8491678');
  });

  it('masks anything else down to its last two digits', () => {
    expect(maskPhone('02438123456')).toBe('***56');
    expect(maskPhone('+1 202 555 0143')).toBe('***43');
  });

  it('hides short or digit-less input completely', () => {
    expect(maskPhone('12345')).toBe('***');
    expect(maskPhone('')).toBe('***');
    expect(maskPhone('not a phone')).toBe('***');
  });
});

describe('maskPhonesIn', () => {
  it('masks phone numbers in a text, however they are written', () => {
    for (const phone of ['+84912345678', '84912345678', '0912345678', '0912 345 678', '091.234.5678']) {
      expect(maskPhonesIn(`gọi ${phone} nhé`)).not.toMatch(/912.?345/);
    }
    // Not a phone: longer digit runs (timestamps, amounts) stay as they are.
    expect(maskPhonesIn('1796000000000 and 2500000')).toBe('1796000000000 and 2500000');
  });
});
