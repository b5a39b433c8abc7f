import { z } from 'zod';
import { IdSchema, text } from './common.ts';
import {
  OrderSchema,
  PaymentFlagReasonSchema,
  PaymentMethodSchema,
  RefundReasonSchema,
  SellerFulfilmentSchema,
} from './orders.ts';

// The payments API (docs/decisions/0014-payments.md): ways to pay, card attempts, bank transfers
// recorded by an operator or matched from a bank statement, cash collected by sellers, refunds,
// seller balances and payouts. Money is an integer number of đồng everywhere.

/** Far above any real payment, far below 2^53: the same bound as an order total. */
export const MAX_PAYMENT_VND = 1_000_000_000_000;

const Dong = z.number().int('whole đồng only').positive().max(MAX_PAYMENT_VND);

/** Largest bank statement accepted: a year of a busy shop's account is far smaller. */
export const MAX_BANK_STATEMENT_BYTES = 10 * 1024 * 1024;

export const PaymentMethodsSchema = z.object({
  /** The ways to pay this deployment offers, in its order. */
  methods: z.array(PaymentMethodSchema),
  stripe: z.object({ publishableKey: z.string() }).nullable(),
});
export type PaymentMethods = z.infer<typeof PaymentMethodsSchema>;

export const StripeClientSchema = z.object({ clientSecret: z.string(), publishableKey: z.string() });
export type StripeClient = z.infer<typeof StripeClientSchema>;

export const BankTransferReceivedSchema = z
  .object({
    /** What arrived on the account, in đồng. Not the order total: recorded and flagged, not paid. */
    amountVnd: Dong,
    note: text(500).optional(),
  })
  .strict();
export type BankTransferReceived = z.infer<typeof BankTransferReceivedSchema>;

export const OrderResultSchema = z.object({ order: OrderSchema });

export const StatementImportQuerySchema = z.object({ mode: z.enum(['preview', 'apply']).default('preview') }).strict();
export type StatementImportQuery = z.infer<typeof StatementImportQuerySchema>;

/** Row numbers are the file's, as a spreadsheet shows them (the header row counts). */
export const StatementImportResultSchema = z.object({
  /** One credit naming one awaited order's reference with exactly its total: what apply records. */
  matched: z.array(
    z.object({
      row: z.number().int(),
      orderId: z.string(),
      orderCode: z.string(),
      reference: z.string(),
      amountVnd: z.number().int(),
      description: z.string(),
    }),
  ),
  /** Credits naming an awaited order that do not settle it exactly (or naming two orders): a person decides. */
  mismatched: z.array(
    z.object({
      row: z.number().int(),
      orderId: z.string().optional(),
      orderCode: z.string().optional(),
      reference: z.string(),
      amountVnd: z.number().int(),
      expectedVnd: z.number().int().optional(),
      kind: z.enum(['underpaid', 'overpaid', 'split', 'ambiguous']),
      description: z.string(),
      message: z.string(),
      messageVi: z.string(),
    }),
  ),
  /** Credits naming no order that awaits a transfer: other money on the account. */
  unmatched: z.array(
    z.object({
      row: z.number().int(),
      /** What the sender wrote (there is no reference of ours in it). */
      reference: z.string(),
      amountVnd: z.number().int(),
      message: z.string(),
      messageVi: z.string(),
    }),
  ),
  /** Rows left out: money going out, totals, and rows whose date or amount cannot be read. */
  skipped: z.array(z.object({ row: z.number().int(), message: z.string(), messageVi: z.string() })),
  /** Rows repeating an earlier row of the file, or a transaction imported before: never counted twice. */
  duplicates: z.array(
    z.object({
      row: z.number().int(),
      amountVnd: z.number().int(),
      /** The earlier row of this file it repeats; null when it was imported before. */
      duplicateOf: z.number().int().nullable(),
      message: z.string(),
      messageVi: z.string(),
    }),
  ),
  applied: z.boolean(),
});
export type StatementImportResult = z.infer<typeof StatementImportResultSchema>;

export const CashCollectedRequestSchema = z.object({ amountVnd: Dong }).strict();
export type CashCollectedRequest = z.infer<typeof CashCollectedRequestSchema>;

export const CashCollectedResultSchema = z.object({ fulfilment: SellerFulfilmentSchema, order: OrderSchema });
export type CashCollectedResult = z.infer<typeof CashCollectedResultSchema>;

export const BankAccountSchema = z
  .object({
    /** The bank's 6-digit NAPAS BIN, e.g. 970436 (Vietcombank). */
    bankBin: z.string().regex(/^\d{6}$/, 'a 6-digit NAPAS bank BIN'),
    bankName: text(100),
    accountNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,19}$/, '1–19 letters or digits'),
    /** The holder's name as the bank shows it. */
    accountName: text(100),
  })
  .strict();
export type BankAccount = z.infer<typeof BankAccountSchema>;

export const BankAccountResultSchema = z.object({ sellerId: z.string(), bankAccount: BankAccountSchema });

export const PayoutSchema = z.object({
  id: z.string(),
  sellerId: z.string(),
  amountVnd: z.number().int(),
  /** The bank transfer's reference, as the operator typed it. */
  reference: z.string(),
  paidAt: z.string(),
});
export type Payout = z.infer<typeof PayoutSchema>;

export const SellerBalanceSchema = z.object({
  sellerId: z.string(),
  /** Fulfilments paid online (card, bank transfer): the marketplace holds this money. */
  paidVnd: z.number().int(),
  /** The platform fee on every paid fulfilment's goods (cash ones included), per fulfilment, half up. */
  feeVnd: z.number().int(),
  /**
   * Paid-online money given back to buyers (or owed back): cancelled fulfilments, and refunds the
   * seller made after delivery. The fee stays charged on a sale refunded after delivery.
   */
  refundsVnd: z.number().int(),
  /** Cash on delivery the seller collected and keeps, less cash it handed back after delivery. */
  cashHeldVnd: z.number().int(),
  payoutsVnd: z.number().int(),
  /** paid − fee − refunds − payouts. Negative when the seller owes the marketplace fees. */
  owedVnd: z.number().int(),
  feePercent: z.number(),
  bankAccount: BankAccountSchema.nullable(),
  payouts: z.array(PayoutSchema),
  /** The most recent 200 paid fulfilments (the totals above count all of them). */
  entries: z.array(
    z.object({
      orderId: z.string(),
      orderCode: z.string(),
      fulfilmentId: z.string(),
      method: PaymentMethodSchema,
      totalVnd: z.number().int(),
      feeVnd: z.number().int(),
      /** Everything given back for this fulfilment (for cash on delivery: out of the seller's cash). */
      refundVnd: z.number().int(),
      at: z.string(),
    }),
  ),
});
export type SellerBalance = z.infer<typeof SellerBalanceSchema>;

/** The payout batch as JSON: the rows of `GET /payouts/report.csv`. */
export const OwedSellersSchema = z.object({
  sellers: z.array(
    z.object({
      sellerId: z.string(),
      name: z.string(),
      /** The seller's owner's phone. */
      phone: z.string(),
      owedVnd: z.number().int(),
      bankAccount: BankAccountSchema.nullable(),
    }),
  ),
});
export type OwedSellers = z.infer<typeof OwedSellersSchema>;

export const PayoutCreateSchema = z.object({ sellerId: IdSchema, amountVnd: Dong, reference: text(140) }).strict();
export type PayoutCreate = z.infer<typeof PayoutCreateSchema>;

export const PayoutCreatedSchema = z.object({ payout: PayoutSchema, owedVnd: z.number().int() });

export const RefundStatusSchema = z.enum(['pending', 'processing', 'completed', 'failed']);
export type RefundStatus = z.infer<typeof RefundStatusSchema>;

export const RefundSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderCode: z.string(),
  /** The part it pays back (cancelled, or given back after delivery); null for a second payment of a paid order. */
  fulfilmentId: z.string().nullable(),
  /** After delivery: the item given back for, when the seller named one. */
  orderItemId: z.string().nullable(),
  sellerName: z.string().nullable(),
  method: PaymentMethodSchema,
  amountVnd: z.number().int(),
  /**
   * pending: waiting to be sent (card) or to be transferred back by hand (bank transfer);
   * processing: the card refund was sent, Stripe has not confirmed it yet; completed; failed
   * (the card refund was refused: an operator must look).
   */
  status: RefundStatusSchema,
  /** after_delivery: a seller gave back (part of) a delivered part; see sellerNote. */
  reason: RefundReasonSchema,
  /** The buyer's phone, to ask for an account to transfer a bank refund to. */
  buyerPhone: z.string(),
  /** The bank transfer's reference (manual refunds) or Stripe's refund id. */
  reference: z.string().nullable(),
  /** Why a card refund failed (for the operator). */
  note: z.string().nullable(),
  /** After delivery: why the seller gives the money back, as they wrote it. */
  sellerNote: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Refund = z.infer<typeof RefundSchema>;

/**
 * A seller gives back part of a delivered fulfilment (spoiled, short, damaged): at most what is
 * left to refund of the item's line total, or of the part's goods when no item is named.
 */
export const AfterDeliveryRefundCreateSchema = z
  .object({
    amountVnd: Dong,
    /** One of the fulfilment's items; omitted: the refund is for the part as a whole. */
    orderItemId: IdSchema.optional(),
    /** Why, in a few words: the buyer and the operator read it. */
    note: text(500),
  })
  .strict();
export type AfterDeliveryRefundCreate = z.infer<typeof AfterDeliveryRefundCreateSchema>;

export const RefundCreatedSchema = z.object({ refund: RefundSchema });
export type RefundCreated = z.infer<typeof RefundCreatedSchema>;

export const RefundListQuerySchema = z
  .object({
    status: RefundStatusSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type RefundListQuery = z.infer<typeof RefundListQuerySchema>;

export const RefundPageSchema = z.object({
  refunds: z.array(RefundSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type RefundPage = z.infer<typeof RefundPageSchema>;

export const RefundCompleteSchema = z.object({ reference: text(140) }).strict();
export type RefundComplete = z.infer<typeof RefundCompleteSchema>;

export const BankTransferListQuerySchema = z
  .object({
    /** awaiting: not paid yet and not cancelled; flagged: waiting for a person's look; all. */
    status: z.enum(['awaiting', 'flagged', 'all']).default('awaiting'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type BankTransferListQuery = z.infer<typeof BankTransferListQuerySchema>;

export const BankTransferEntrySchema = z.object({
  orderId: z.string(),
  orderCode: z.string(),
  reference: z.string(),
  buyerPhone: z.string(),
  totalVnd: z.number().int(),
  receivedVnd: z.number().int(),
  status: z.enum(['pending', 'paid', 'cancelled', 'refund_pending', 'refunded']),
  flagged: z.object({ reason: PaymentFlagReasonSchema, note: z.string().nullable() }).nullable(),
  deadlineAt: z.string().nullable(),
  createdAt: z.string(),
});
export type BankTransferEntry = z.infer<typeof BankTransferEntrySchema>;

export const BankTransferPageSchema = z.object({
  transfers: z.array(BankTransferEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type BankTransferPage = z.infer<typeof BankTransferPageSchema>;
