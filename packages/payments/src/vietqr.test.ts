import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Hex } from './crc16.ts';
import { VietQrError } from './errors.ts';
import {
  buildTransferReference,
  buildVietQrPayload,
  decodeTlv,
  encodeTlv,
  parseVietQrPayload,
  sanitizeTransferText,
} from './vietqr.ts';

// Published payloads, each with the CRC its source printed, rebuilt from their fields here:
// - xuannghia/vietnam-qr-pay README (npm `vietnam-qr-pay`): ACB (BIN 970416), account 257678859,
//   a dynamic code for 10 000 ₫ "Chuyen tien", the same code rebuilt for 999 999 ₫ "Cam on nhe",
//   and a static code without amount.
// - subiz/vietqr README (Go): VietinBank (BIN 970415), account 0011001932418, 120 000 ₫,
//   "ung ho lu lut" (the folded form of "ủng hộ lũ lụt").
const PUBLISHED = [
  {
    source: 'vietnam-qr-pay README, dynamic',
    payload:
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6',
    input: { bankBin: '970416', accountNumber: '257678859', amountVnd: 10_000, purpose: 'Chuyen tien' },
  },
  {
    source: 'vietnam-qr-pay README, build() after editing',
    payload:
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA530370454069999995802VN62140810Cam on nhe6304E786',
    input: { bankBin: '970416', accountNumber: '257678859', amountVnd: 999_999, purpose: 'Cam on nhe' },
  },
  {
    source: 'vietnam-qr-pay README, static',
    payload: '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F',
    input: { bankBin: '970416', accountNumber: '257678859' },
  },
  {
    source: 'subiz/vietqr README',
    payload:
      '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
    input: { bankBin: '970415', accountNumber: '0011001932418', amountVnd: 120_000, purpose: 'ung ho lu lut' },
  },
] as const;

describe('buildVietQrPayload', () => {
  it.each(PUBLISHED)('rebuilds the published payload byte for byte ($source)', ({ payload, input }) => {
    expect(buildVietQrPayload(input)).toBe(payload);
  });

  it('writes the fields in the NAPAS order with a dynamic initiation when there is an amount', () => {
    const payload = buildVietQrPayload({
      bankBin: '970436',
      accountNumber: '0123456789',
      amountVnd: 1_250_000,
      purpose: 'NSAB12CD',
    });
    expect(decodeTlv(payload).map((field) => field.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    const parsed = parseVietQrPayload(payload);
    expect(parsed).toMatchObject({
      initiation: 'dynamic',
      bankBin: '970436',
      accountNumber: '0123456789',
      serviceCode: 'QRIBFTTA',
      currency: '704',
      amountVnd: 1_250_000,
      country: 'VN',
      purpose: 'NSAB12CD',
    });
    expect(payload.slice(-8, -4)).toBe('6304');
  });

  it.each([
    ['a BIN that is not 6 digits', { bankBin: '97043', accountNumber: '1' }],
    ['an account number with a space', { bankBin: '970436', accountNumber: '0123 456' }],
    ['an account number over 19 characters', { bankBin: '970436', accountNumber: '1'.repeat(20) }],
    ['a fractional amount', { bankBin: '970436', accountNumber: '1', amountVnd: 1000.5 }],
    ['a zero amount', { bankBin: '970436', accountNumber: '1', amountVnd: 0 }],
    ['an amount over 13 digits', { bankBin: '970436', accountNumber: '1', amountVnd: 10 ** 13 }],
    ['a purpose with diacritics', { bankBin: '970436', accountNumber: '1', purpose: 'Chè' }],
    ['a purpose over 25 characters', { bankBin: '970436', accountNumber: '1', purpose: 'x'.repeat(26) }],
    ['an empty purpose', { bankBin: '970436', accountNumber: '1', purpose: '' }],
  ])('refuses %s', (_, input) => {
    expect(() => buildVietQrPayload(input)).toThrow(VietQrError);
  });

  it('round-trips any valid input through parseVietQrPayload', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[A-Za-z0-9]{1,19}$/),
        fc.option(fc.integer({ min: 1, max: 9_999_999_999_999 }), { nil: null }),
        fc.option(fc.stringMatching(/^[\x20-\x7e]{1,25}$/), { nil: null }),
        (bankBin, accountNumber, amountVnd, purpose) => {
          const parsed = parseVietQrPayload(buildVietQrPayload({ bankBin, accountNumber, amountVnd, purpose }));
          expect(parsed).toMatchObject({
            bankBin,
            accountNumber,
            amountVnd,
            purpose,
            initiation: amountVnd === null ? 'static' : 'dynamic',
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseVietQrPayload', () => {
  it.each(PUBLISHED)('reads the published payload ($source)', ({ payload, input }) => {
    const parsed = parseVietQrPayload(payload);
    expect(parsed.bankBin).toBe(input.bankBin);
    expect(parsed.accountNumber).toBe(input.accountNumber);
    expect(parsed.amountVnd).toBe('amountVnd' in input ? input.amountVnd : null);
    expect(parsed.purpose).toBe('purpose' in input ? input.purpose : null);
    expect(parsed.crc).toBe(payload.slice(-4));
  });

  it('reads a published payload whose amount differs from its description (vietnam-qr-pay decode example)', () => {
    const parsed = parseVietQrPayload(
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB8',
    );
    expect(parsed.amountVnd).toBe(1000);
  });

  it('rejects a payload with one character changed (CRC mismatch)', () => {
    const payload = PUBLISHED[0].payload.replace('540510000', '540510001');
    expect(() => parseVietQrPayload(payload)).toThrow(/CRC mismatch/);
  });

  it('rejects a payload without a CRC, with bad TLV, or that is not NAPAS', () => {
    const signed = (body: string) => `${body}6304${crc16Hex(`${body}6304`)}`;
    expect(() => parseVietQrPayload('000201')).toThrow(/does not end with a CRC/);
    // A correct CRC over a truncated TLV: the checksum passes, the structure does not.
    expect(() => parseVietQrPayload(signed('00020101021238990010A000000727'))).toThrow(/declares 99/);
    // Another scheme's GUID in field 38.
    const beneficiary = encodeTlv('00', '970436') + encodeTlv('01', '1');
    const foreign = `000201010211${encodeTlv('38', encodeTlv('00', 'A000000775') + encodeTlv('01', beneficiary))}5303704`;
    expect(() => parseVietQrPayload(signed(foreign))).toThrow(/not a NAPAS account/);
    // A decimal amount: VND has no minor unit.
    const decimal = `000201010212${encodeTlv('38', encodeTlv('00', 'A000000727') + encodeTlv('01', beneficiary) + encodeTlv('02', 'QRIBFTTA'))}530370454071000.505802VN`;
    expect(() => parseVietQrPayload(signed(decimal))).toThrow(/not a whole number/);
  });
});

describe('buildTransferReference', () => {
  it('is NS + the order code, upper case, letters and digits only', () => {
    expect(buildTransferReference('ab12cd')).toBe('NSAB12CD');
    expect(buildTransferReference('Đơn-2025/07')).toBe('NSDON202507');
  });

  it('is at most 19 characters', () => {
    expect(buildTransferReference('A'.repeat(17))).toHaveLength(19);
    expect(() => buildTransferReference('A'.repeat(18))).toThrow(VietQrError);
  });

  it('refuses an order code with nothing usable in it', () => {
    expect(() => buildTransferReference('—')).toThrow(VietQrError);
  });
});

describe('sanitizeTransferText', () => {
  it('folds Vietnamese and keeps only letters, digits and single spaces', () => {
    expect(sanitizeTransferText('  Chè Tân Cương — 500g!  ')).toBe('che tan cuong 500g');
    expect(sanitizeTransferText('ỦNG HỘ lũ lụt')).toBe('ung ho lu lut');
  });
});
