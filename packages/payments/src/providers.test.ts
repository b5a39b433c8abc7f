import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createBankTransferProvider } from './bank-transfer.provider.ts';
import { createCodProvider } from './cod.provider.ts';
import type { PaymentOrder } from './payment-provider.ts';
import { createPaymentProviders } from './providers.ts';
import { parseVietQrPayload } from './vietqr.ts';

const order: PaymentOrder = {
  orderId: 'ord_1',
  orderCode: 'k7q2mx',
  amountVnd: 1_250_000,
  description: 'Chè Tân Cương',
};

const bankTransfer = {
  bankBin: '970436',
  bankName: 'Vietcombank',
  accountNumber: '1017654321',
  accountName: 'CONG TY NONG SAN',
};

const stripe = { secretKey: 'sk_test_a', publishableKey: 'pk_test_a', webhookSecret: 'whsec_a' };

describe('bank_transfer provider', () => {
  it('returns a VietQR code for the exact total with the order reference, and the same data written out', async () => {
    const start = await createBankTransferProvider(bankTransfer).start(order, 1);
    expect(start).toMatchObject({
      method: 'bank_transfer',
      paymentRef: 'NSK7Q2MX',
      reference: 'NSK7Q2MX',
      bank: { bin: '970436', name: 'Vietcombank' },
      accountNumber: '1017654321',
      accountName: 'CONG TY NONG SAN',
      amountVnd: 1_250_000,
    });
    expect(parseVietQrPayload(start.qrPayload)).toMatchObject({
      initiation: 'dynamic',
      bankBin: '970436',
      accountNumber: '1017654321',
      amountVnd: 1_250_000,
      purpose: 'NSK7Q2MX',
    });
    expect(start.qrSvg.startsWith('<svg')).toBe(true);
  });

  it('keeps the same reference and QR code on every attempt, so an older code still matches', async () => {
    const provider = createBankTransferProvider(bankTransfer);
    const [first, second] = await Promise.all([provider.start(order, 1), provider.start(order, 2)]);
    expect(second.qrPayload).toBe(first.qrPayload);
  });

  it('uses the configured reference prefix', async () => {
    const start = await createBankTransferProvider({ ...bankTransfer, referencePrefix: 'HTX' }).start(order, 1);
    expect(start.reference).toBe('HTXK7Q2MX');
  });

  it('refunds by hand', async () => {
    const result = await createBankTransferProvider(bankTransfer).refund(
      { orderId: 'ord_1', paymentRef: 'NSK7Q2MX', refundId: 'rfd_1' },
      50_000,
    );
    expect(result).toEqual({ status: 'manual', amountVnd: 50_000, refundRef: null });
  });

  it.each([
    ['a 5-digit BIN', { ...bankTransfer, bankBin: '97043' }],
    ['an account number with dashes', { ...bankTransfer, accountNumber: '1017-654-321' }],
    ['a lower-case prefix', { ...bankTransfer, referencePrefix: 'ns' }],
    ['an unknown field', { ...bankTransfer, swift: 'BFTVVNVX' }],
  ])('refuses a configuration with %s', (_, config) => {
    expect(() => createBankTransferProvider(config)).toThrow(ZodError);
  });

  it('refuses a fractional total', async () => {
    await expect(createBankTransferProvider(bankTransfer).start({ ...order, amountVnd: 10.5 }, 1)).rejects.toThrow(
      RangeError,
    );
  });
});

describe('cod provider', () => {
  it('does nothing online', async () => {
    const provider = createCodProvider();
    expect(await provider.start(order, 1)).toEqual({ method: 'cod' });
    expect(await provider.refund({ orderId: 'ord_1', paymentRef: '', refundId: 'r' }, 1_000)).toEqual({
      status: 'manual',
      amountVnd: 1_000,
      refundRef: null,
    });
  });
});

describe('createPaymentProviders', () => {
  it('offers exactly the configured methods, in checkout order', () => {
    const all = createPaymentProviders({ bankTransfer, stripe });
    expect(all.methods).toEqual(['stripe', 'bank_transfer', 'cod']);
    expect(all.find('stripe')?.method).toBe('stripe');
    expect(all.find('bank_transfer')?.method).toBe('bank_transfer');
    expect(all.find('cod')?.method).toBe('cod');
  });

  it('offers cash on delivery alone by default', () => {
    const providers = createPaymentProviders({});
    expect(providers.methods).toEqual(['cod']);
    expect(providers.find('stripe')).toBeNull();
    expect(providers.find('bank_transfer')).toBeNull();
  });

  it('can switch cash on delivery off', () => {
    const providers = createPaymentProviders({ bankTransfer, cod: { enabled: false } });
    expect(providers.methods).toEqual(['bank_transfer']);
    expect(providers.find('cod')).toBeNull();
  });

  it('fails fast on an invalid configuration', () => {
    expect(() => createPaymentProviders({ stripe: { ...stripe, secretKey: 'oops' } })).toThrow(ZodError);
    expect(() => createPaymentProviders({ paypal: {} } as never)).toThrow(ZodError);
  });
});
