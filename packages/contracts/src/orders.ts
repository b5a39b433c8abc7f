import { z } from 'zod';
import { CommuneCodeSchema } from './addresses.ts';
import { CatalogueEntrySchema } from './catalogue.ts';
import { IdSchema, PhoneSchema, text } from './common.ts';
import { ListingStatusSchema, QuantitySchema, SoldBySchema } from './listings.ts';
import { SellerKindSchema } from './sellers.ts';

/** Different listings in one cart: plenty for a household or a restaurant, bounded for the server. */
export const MAX_CART_ITEMS = 50;

export const PaymentMethodSchema = z.enum(['cod', 'stripe', 'bank_transfer']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const CartItemSchema = z
  .object({
    listingId: IdSchema,
    /** In the listing's unit (1.5 kg, 3 bunches): at least its minimum, a multiple of its step. */
    quantity: QuantitySchema,
  })
  .strict();
export type CartItem = z.infer<typeof CartItemSchema>;

const CartItemsSchema = z
  .array(CartItemSchema)
  .min(1, 'the cart is empty')
  .max(MAX_CART_ITEMS)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.listingId)) {
        ctx.addIssue({ code: 'custom', path: [index, 'listingId'], message: 'each listing once; add up the quantity' });
      }
      seen.add(item.listingId);
    });
  });

export const DeliveryAddressSchema = z
  .object({
    recipientName: text(120),
    phone: PhoneSchema,
    /** A 2025 commune by official code (GET /communes); the province is the commune's. */
    communeCode: CommuneCodeSchema,
    /** House number, street, hamlet (thôn/xóm). */
    street: text(300),
  })
  .strict();
export type DeliveryAddress = z.infer<typeof DeliveryAddressSchema>;

/** How one seller's part of the order reaches the buyer: picked up at the seller's place, or delivered. */
export const DeliveryChoiceSchema = z
  .object({
    method: z.enum(['pickup', 'delivery']),
    /** Required for delivery; pickup takes none (the seller's pickup point is used). */
    address: DeliveryAddressSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.method === 'delivery' && !value.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'delivery needs an address' });
    }
    if (value.method === 'pickup' && value.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'pickup takes no address' });
    }
  });
export type DeliveryChoice = z.infer<typeof DeliveryChoiceSchema>;

/**
 * `delivery` is the choice for every seller in the cart; `deliveries[sellerId]` sets (or overrides)
 * it for one seller. Every seller in the cart must end up with a choice.
 */
const deliveryChoices = {
  delivery: DeliveryChoiceSchema.optional(),
  deliveries: z.record(IdSchema, DeliveryChoiceSchema).optional(),
};

export const CartQuoteRequestSchema = z
  .object({
    items: CartItemsSchema,
    /** Optional here: sellers without a choice are quoted for pickup. */
    ...deliveryChoices,
    /**
     * Where delivery would go, for sellers whose choice carries no address (the buyer's default
     * address in the cart): their delivery option is priced for this commune.
     */
    destination: z.object({ communeCode: CommuneCodeSchema }).strict().optional(),
  })
  .strict();
export type CartQuoteRequest = z.infer<typeof CartQuoteRequestSchema>;

export const OrderCreateSchema = z
  .object({
    items: CartItemsSchema,
    ...deliveryChoices,
    paymentMethod: PaymentMethodSchema,
  })
  .strict()
  .refine((value) => value.delivery !== undefined || value.deliveries !== undefined, {
    path: ['delivery'],
    message: 'choose pickup or delivery (delivery, or deliveries per seller)',
  });
export type OrderCreate = z.infer<typeof OrderCreateSchema>;

/** The header that makes placing an order safe to retry. Printable ASCII; a UUID is typical. */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

const SellerRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: SellerKindSchema,
  province: z.object({ id: z.string(), name: z.string() }),
});

/** What can stop an item from being ordered as it is in the cart. */
export const CartItemProblemSchema = z.enum([
  /** No such listing (deleted, or a stale id in the browser's cart). */
  'not_found',
  /** Draft or archived: not for sale. */
  'not_for_sale',
  /** Fewer units sellable now than asked; `available` says how many. */
  'insufficient_stock',
  /** Fewer units than the listing's minimum order. */
  'below_minimum',
  /** Not a multiple of the listing's step (0.1 kg). */
  'off_step',
  /** The buyer works for this listing's seller. */
  'own_listing',
]);
export type CartItemProblem = z.infer<typeof CartItemProblemSchema>;

export const QuotedItemSchema = z.object({
  listingId: z.string(),
  quantity: z.number(),
  /** Null when the listing does not exist. */
  listing: z
    .object({
      title: z.string(),
      unit: CatalogueEntrySchema,
      /** Today's price per unit, in đồng: the cart's stored price is never used. */
      priceVnd: z.number().int(),
      soldBy: SoldBySchema,
      minOrder: z.number(),
      quantityStep: z.number(),
      /** Priced at packing: `priceVnd` is per kg; the line is priced on the estimate until weighed. */
      estimatedWeightKg: z.number().nullable(),
      status: ListingStatusSchema,
      sellerId: z.string(),
    })
    .nullable(),
  /** Units sellable now. */
  available: z.number(),
  /** Units asked beyond what is available (0 when enough). */
  shortBy: z.number(),
  lineTotalVnd: z.number().int(),
  problem: CartItemProblemSchema.nullable(),
});
export type QuotedItem = z.infer<typeof QuotedItemSchema>;

/** Why a seller that delivers does not deliver this part to this address. */
export const DeliveryUnavailableSchema = z.enum(['outside_area', 'below_minimum', 'too_heavy']);
export type DeliveryUnavailable = z.infer<typeof DeliveryUnavailableSchema>;

export const DeliveryOptionsSchema = z.object({
  pickup: z.object({ feeVnd: z.literal(0), address: z.string().nullable(), hours: z.string().nullable() }),
  /** Null when the seller does not deliver anywhere. */
  delivery: z
    .object({
      /** For the commune below: the fee this part would pay; without one, the lowest fee a zone starts at. */
      feeVnd: z.number().int(),
      /** The free-delivery amount of the zone that applies (without a commune: the lowest of any zone). */
      freeOverVnd: z.number().int().nullable(),
      /** The commune the option is priced for; null when the quote had no address for this seller. */
      communeCode: z.string().nullable(),
      /** The zone that applies; null without a commune, or when none does. */
      zoneName: z.string().nullable(),
      /** Null when it delivers there; else why not (no zone covers it, below the minimum, too heavy). */
      unavailable: DeliveryUnavailableSchema.nullable(),
      /** For below_minimum: the seller's part must reach this many đồng. */
      minOrderVnd: z.number().int().nullable(),
      /** The seller's part's shipping weight, in grams (as weight bands read it). */
      weightGrams: z.number().int(),
    })
    .nullable(),
});

export type DeliveryOptions = z.infer<typeof DeliveryOptionsSchema>;

export const QuotedSellerSchema = z.object({
  seller: SellerRefSchema,
  listingIds: z.array(z.string()),
  subtotalVnd: z.number().int(),
  options: DeliveryOptionsSchema,
  /** The quoted choice: the request's, or pickup. */
  method: z.enum(['pickup', 'delivery']),
  /** Delivery: the fee of the seller's zone for the address (decision 30), 0 from its free-delivery amount. */
  deliveryFeeVnd: z.number().int(),
  totalVnd: z.number().int(),
  /**
   * Set when the requested method cannot be used: the seller does not deliver at all
   * (`delivery_not_offered`), or not this part to this address (`options.delivery.unavailable` says why).
   */
  problem: z.enum(['delivery_not_offered', 'delivery_unavailable']).nullable(),
});

export const TotalsSchema = z.object({
  subtotalVnd: z.number().int(),
  deliveryFeeVnd: z.number().int(),
  totalVnd: z.number().int(),
});

export const CartQuoteSchema = z.object({
  items: z.array(QuotedItemSchema),
  sellers: z.array(QuotedSellerSchema),
  totals: TotalsSchema,
  /** True when POST /orders with this cart would succeed now (stock can still move before then). */
  isOrderable: z.boolean(),
  /** The ways to pay this deployment offers. */
  paymentMethods: z.array(PaymentMethodSchema),
});
export type CartQuote = z.infer<typeof CartQuoteSchema>;

export const FulfilmentStatusSchema = z.enum([
  'awaiting_payment',
  'awaiting_confirmation',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
]);
export type FulfilmentStatus = z.infer<typeof FulfilmentStatusSchema>;

/** Derived from the fulfilments (see the orders module's deriveOrderStatus). */
export const OrderStatusSchema = FulfilmentStatusSchema;
export type OrderStatus = FulfilmentStatus;

/** What a seller's team may do to one of its fulfilments (see fulfilment-rules.ts for when). */
export const SellerActionSchema = z.enum(['confirm', 'ship', 'deliver', 'cancel']);
export type SellerAction = z.infer<typeof SellerActionSchema>;

export const CancelReasonSchema = z.enum(['buyer', 'seller', 'payment_deadline', 'confirmation_deadline']);

export const OrderItemSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  title: z.string(),
  unit: CatalogueEntrySchema,
  /** Per unit; per kg for a line priced at packing. */
  unitPriceVnd: z.number().int(),
  /** In the listing's unit, exact to three decimals. */
  quantity: z.number(),
  /**
   * Priced at packing: the line's estimated kg, the tolerance either way (%), the kg weighed when
   * packed (null until then). The line's price follows the weighed weight once there is one.
   */
  weight: z
    .object({ estimatedKg: z.number(), tolerancePct: z.number().int(), finalKg: z.number().nullable() })
    .nullable(),
  lineTotalVnd: z.number().int(),
});

export const FulfilmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  seller: SellerRefSchema,
  status: FulfilmentStatusSchema,
  delivery: z.object({
    method: z.enum(['pickup', 'delivery']),
    feeVnd: z.number().int(),
    /** Delivery: where to. */
    address: z
      .object({
        recipientName: z.string(),
        phone: z.string(),
        province: z.object({ id: z.string(), name: z.string() }),
        commune: z.string().nullable(),
        /** Null on orders placed before addresses had commune codes. */
        communeCode: z.string().nullable(),
        street: z.string(),
      })
      .nullable(),
    /** Pickup: the seller's pickup point as it was when the order was placed. */
    pickup: z.object({ address: z.string().nullable(), hours: z.string().nullable() }).nullable(),
  }),
  items: z.array(OrderItemSchema),
  subtotalVnd: z.number().int(),
  totalVnd: z.number().int(),
  /** While awaiting confirmation: the seller must confirm by then or the fulfilment is cancelled. */
  confirmBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: CancelReasonSchema.nullable(),
});
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/**
 * Why a payment waits for a person: an amount or currency that is not the order's (an under- or
 * over-payment is never accepted silently), or a refund larger than the charge.
 */
export const PaymentFlagReasonSchema = z.enum(['amount_mismatch', 'currency_mismatch', 'refund_exceeds_payment']);
export type PaymentFlagReason = z.infer<typeof PaymentFlagReasonSchema>;

/** What a buyer types into a banking app (or scans as the VietQR code `qrPayload`). */
export const BankTransferInstructionsSchema = z.object({
  bankBin: z.string(),
  bankName: z.string(),
  accountNumber: z.string(),
  accountName: z.string(),
  amountVnd: z.number().int(),
  /** At most 19 ASCII letters and digits, `NS` + the order code: what statement rows are matched by. */
  reference: z.string(),
  /** The NAPAS/EMVCo string the QR code encodes (with its CRC). */
  qrPayload: z.string(),
});
export type BankTransferInstructions = z.infer<typeof BankTransferInstructionsSchema>;

export const RefundReasonSchema = z.enum(['cancelled', 'late_payment', 'duplicate_payment', 'after_delivery']);
export type RefundReason = z.infer<typeof RefundReasonSchema>;

/** A refund of the order as its buyer and sellers see it (a seller: those of its own parts). */
export const OrderRefundSchema = z.object({
  id: z.string(),
  /** The part it pays back; null for a second payment of an already paid order. */
  fulfilmentId: z.string().nullable(),
  /** After delivery: the item given back for, when the seller named one. */
  orderItemId: z.string().nullable(),
  amountVnd: z.number().int(),
  method: PaymentMethodSchema,
  status: z.enum(['pending', 'processing', 'completed', 'failed']),
  reason: RefundReasonSchema,
  /** After delivery: why, as the seller wrote it. */
  note: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type OrderRefund = z.infer<typeof OrderRefundSchema>;

export const OrderPaymentSchema = z.object({
  method: PaymentMethodSchema,
  status: z.enum(['pending', 'paid', 'cancelled', 'refund_pending', 'refunded']),
  /** Online payments: unpaid by then, the order is cancelled and its stock returns. */
  deadlineAt: z.string().nullable(),
  /**
   * The order total in đồng: what must arrive, exactly. A seller's team sees the money of its own
   * parts only, here and in the amounts below: what the buyer bought from others is not theirs.
   */
  totalVnd: z.number().int(),
  /**
   * Đồng that arrived (bank credits and collected cash as recorded, flagged ones included). A
   * seller's team: its parts' total once the order's payment captured, or the cash recorded for them.
   */
  receivedVnd: z.number().int(),
  /** Đồng given back so far. */
  refundedVnd: z.number().int(),
  /**
   * Đồng owed back: cancelled parts of a paid order (or all of it, paid after its deadline), and
   * what sellers gave back after delivery. It never goes down; compare it with refundedVnd.
   */
  refundDueVnd: z.number().int(),
  /** Set while the money needs a person's look; the order is not paid meanwhile (a seller: no note). */
  flagged: z.object({ reason: PaymentFlagReasonSchema, note: z.string().nullable() }).nullable(),
  /** Bank transfer: where the buyer sends the whole order's money; the buyer's and an operator's only. */
  bankTransfer: BankTransferInstructionsSchema.optional(),
  /** Card: the buyer's, while the payment is pending; null while no attempt could be started yet. */
  stripe: z.object({ clientSecret: z.string(), publishableKey: z.string() }).nullable().optional(),
  /** Cash on delivery: each fulfilment whose cash its seller recorded. */
  cashCollected: z
    .array(z.object({ fulfilmentId: z.string(), amountVnd: z.number().int(), collectedAt: z.string() }))
    .optional(),
  /** Refunds of the parts the viewer sees, oldest first (a seller: its own part's). */
  refunds: z.array(OrderRefundSchema).optional(),
});
export type OrderPayment = z.infer<typeof OrderPaymentSchema>;

export const OrderSchema = z.object({
  id: z.string(),
  /** Short code for people and bank references, e.g. `NS-7K3M9Q`. */
  code: z.string(),
  status: OrderStatusSchema,
  buyer: z.object({ name: z.string().nullable(), phone: z.string() }),
  payment: OrderPaymentSchema,
  /** A seller sees only its own fulfilments, and totals of those only. */
  fulfilments: z.array(FulfilmentSchema),
  totals: TotalsSchema,
  createdAt: z.string(),
  /**
   * True when the viewer may cancel the order now (POST /orders/:id/cancel): its buyer, while a
   * part is not yet shipped. Always false for a seller's team or an operator.
   */
  canCancel: z.boolean(),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderPlacedSchema = z.object({ order: OrderSchema, payment: OrderPaymentSchema });
export type OrderPlaced = z.infer<typeof OrderPlacedSchema>;

export const OrderListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

export const OrderPageSchema = z.object({
  orders: z.array(OrderSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type OrderPage = z.infer<typeof OrderPageSchema>;

export const SellerOrdersQuerySchema = z
  .object({
    sellerId: IdSchema,
    status: FulfilmentStatusSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SellerOrdersQuery = z.infer<typeof SellerOrdersQuerySchema>;

/** A fulfilment as its seller's team handles it: with the order's code, buyer contact and payment. */
export const SellerFulfilmentSchema = FulfilmentSchema.extend({
  order: z.object({
    id: z.string(),
    code: z.string(),
    buyer: z.object({ name: z.string().nullable(), phone: z.string() }),
    payment: OrderPaymentSchema,
    createdAt: z.string(),
  }),
  /**
   * The moves the seller's team may make now (POST /fulfilments/:id/<action>), the forward one
   * first; empty while the buyer's online payment is awaited, and once delivered or cancelled.
   */
  nextActions: z.array(SellerActionSchema),
});
export type SellerFulfilment = z.infer<typeof SellerFulfilmentSchema>;

export const SellerFulfilmentPageSchema = z.object({
  fulfilments: z.array(SellerFulfilmentSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type SellerFulfilmentPage = z.infer<typeof SellerFulfilmentPageSchema>;

/**
 * The weights a seller weighed when packing lines priced at packing (kg, at most 3 decimals).
 * Outside the line's tolerance it is refused unless `buyerAccepted` (the buyer agreed, e.g. by phone).
 */
export const FinalWeightsSchema = z
  .object({
    items: z
      .array(z.object({ itemId: IdSchema, finalWeight: QuantitySchema }).strict())
      .min(1)
      .max(MAX_CART_ITEMS),
    buyerAccepted: z.boolean().default(false),
  })
  .strict();
export type FinalWeights = z.infer<typeof FinalWeightsSchema>;
