import { z } from 'zod';
import {
  assertAmountVnd,
  assertAttempt,
  type BankTransferPaymentStart,
  type PaymentProvider,
} from './payment-provider.ts';
import { renderQrSvg } from './qr-image.ts';
import { buildTransferReference, buildVietQrPayload } from './vietqr.ts';

export const BankTransferConfigSchema = z
  .object({
    /** The receiving bank's 6-digit NAPAS BIN, e.g. 970436 (Vietcombank). */
    bankBin: z.string().regex(/^\d{6}$/, 'a 6-digit NAPAS bank BIN'),
    /** Shown to the buyer next to the QR code, e.g. "Vietcombank". */
    bankName: z.string().trim().min(1).max(100),
    accountNumber: z.string().regex(/^[A-Za-z0-9]{1,19}$/, '1–19 letters or digits'),
    /** The account holder as the bank shows it, e.g. "HTX CHE TAN CUONG". */
    accountName: z.string().trim().min(1).max(100),
    /** Letters put before the order code in the transfer reference. */
    referencePrefix: z
      .string()
      .regex(/^[A-Z]{1,4}$/)
      .default('NS'),
  })
  .strict();

export type BankTransferConfig = z.input<typeof BankTransferConfigSchema>;

export type BankTransferPaymentProvider = PaymentProvider<BankTransferPaymentStart>;

/**
 * Bank transfer to the marketplace's account with a VietQR code. Nothing is notified online: the
 * money is found later in an imported bank statement (parseBankStatementCsv + matchStatement), by
 * the reference the QR code pre-fills. Every attempt of an order shows the same reference, so a
 * buyer who pays an older QR code is still matched.
 */
export function createBankTransferProvider(config: BankTransferConfig): BankTransferPaymentProvider {
  const settings = BankTransferConfigSchema.parse(config);
  return {
    method: 'bank_transfer',

    async start(order, attempt) {
      assertAmountVnd(order.amountVnd);
      assertAttempt(attempt);
      const reference = buildTransferReference(order.orderCode, settings.referencePrefix);
      const qrPayload = buildVietQrPayload({
        bankBin: settings.bankBin,
        accountNumber: settings.accountNumber,
        amountVnd: order.amountVnd,
        purpose: reference,
      });
      return {
        method: 'bank_transfer',
        paymentRef: reference,
        reference,
        qrPayload,
        qrSvg: await renderQrSvg(qrPayload),
        bank: { bin: settings.bankBin, name: settings.bankName },
        accountNumber: settings.accountNumber,
        accountName: settings.accountName,
        amountVnd: order.amountVnd,
      };
    },

    // A transfer is returned by a person transferring the money back; the API records who did it.
    async refund(_payment, amountVnd) {
      assertAmountVnd(amountVnd);
      return { status: 'manual', amountVnd, refundRef: null };
    },
  };
}
