import { assertAmountVnd, assertAttempt, type CodPaymentStart, type PaymentProvider } from './payment-provider.ts';

export type CodPaymentProvider = PaymentProvider<CodPaymentStart>;

/**
 * Cash on delivery: nothing happens online. The seller marks the cash collected when the order is
 * delivered (the API's job); a refund is cash handed back.
 */
export function createCodProvider(): CodPaymentProvider {
  return {
    method: 'cod',
    async start(order, attempt) {
      assertAmountVnd(order.amountVnd);
      assertAttempt(attempt);
      return { method: 'cod' };
    },
    async refund(_payment, amountVnd) {
      assertAmountVnd(amountVnd);
      return { status: 'manual', amountVnd, refundRef: null };
    },
  };
}
