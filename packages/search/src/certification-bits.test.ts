import { CertificationTypeSchema } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { CERTIFICATION_BITS, certificationMask } from './certification-bits.ts';

describe('CERTIFICATION_BITS', () => {
  it('gives every certification type its own bit', () => {
    const bits = CertificationTypeSchema.options.map((type) => CERTIFICATION_BITS[type]);
    expect(new Set(bits).size).toBe(bits.length);
    for (const bit of bits) expect(Math.log2(bit) % 1).toBe(0);
    // smallint column
    expect(Math.max(...bits)).toBeLessThan(2 ** 15);
  });

  it('masks a list of types, duplicates counted once', () => {
    expect(certificationMask([])).toBe(0);
    expect(certificationMask(['vietgap', 'ocop', 'ocop'])).toBe(CERTIFICATION_BITS.vietgap | CERTIFICATION_BITS.ocop);
  });
});
