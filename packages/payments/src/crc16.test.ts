import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, crc16Hex } from './crc16.ts';

describe('crc16CcittFalse', () => {
  it('gives the standard check value for "123456789"', () => {
    // The catalogue check value of CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740).
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16Hex('123456789')).toBe('29B1');
  });

  it('returns the init value for no input and pads to four upper-case digits', () => {
    expect(crc16CcittFalse('')).toBe(0xffff);
    // A one-byte input whose CRC is below 0x1000 exercises the padding.
    const short = Array.from({ length: 256 }, (_, byte) => new Uint8Array([byte])).find(
      (bytes) => crc16CcittFalse(bytes) < 0x1000,
    );
    expect(short).toBeDefined();
    expect(crc16Hex(short!)).toMatch(/^0[0-9A-F]{3}$/);
  });

  it('takes the same bytes from a string and a Uint8Array', () => {
    expect(crc16CcittFalse(new TextEncoder().encode('6304'))).toBe(crc16CcittFalse('6304'));
  });
});
