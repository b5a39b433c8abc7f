import { z } from 'zod';
import { CatalogueEntrySchema } from './catalogue.ts';
import { IdSchema, PhoneSchema, text } from './common.ts';
import { CalendarDateSchema } from './dates.ts';
import { AdjustmentReasonSchema } from './inventory.ts';
import { ListingStatusSchema, MAX_QUANTITY } from './listings.ts';
import { hasAtMostThreeDecimals } from './quantity.ts';
import { MemberDisplayPreferenceSchema, MemberRoleSchema } from './sellers.ts';

/** A manager's edit of a member. `phone: null` removes the phone (the member keeps their lots and sales). */
export const MemberUpdateSchema = z
  .object({
    name: text(120).optional(),
    phone: PhoneSchema.nullable().optional(),
    role: MemberRoleSchema.optional(),
    displayPreference: MemberDisplayPreferenceSchema.optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), 'nothing to change');
export type MemberUpdate = z.infer<typeof MemberUpdateSchema>;

/** A member as the stock console and reports show them. */
export const MemberRefSchema = z.object({ id: z.string(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// Stock console

/** `true`/`false` in a query string. */
const QueryBooleanSchema = z.enum(['true', 'false']).transform((v) => v === 'true');

export const StockConsoleQuerySchema = z
  .object({
    /** Lots whose last sellable day is within this many days from today are listed as expiring. */
    expiringWithinDays: z.coerce.number().int().min(0).max(365).default(3),
    /** Also list lots with nothing left (default: only lots holding stock). */
    includeEmpty: QueryBooleanSchema.default(false),
  })
  .strict();
export type StockConsoleQuery = z.infer<typeof StockConsoleQuerySchema>;

export const StockLotSchema = z.object({
  id: z.string(),
  traceCode: z.string(),
  /** As received. */
  quantity: z.number(),
  onHand: z.number(),
  harvestedAt: z.string().nullable(),
  /** Last day it may be sold (Vietnam date); null keeps. */
  expiresAt: z.string().nullable(),
  isExpired: z.boolean(),
  /** Days from today to the last sellable day (0: today is the last day; negative: expired). */
  daysToExpiry: z.number().int().nullable(),
  member: MemberRefSchema.nullable(),
  /** The CSV row reference it was imported under, if it came from an import. */
  importRef: z.string().nullable(),
  receivedAt: z.string(),
});
export type StockLot = z.infer<typeof StockLotSchema>;

export const StockAdjustmentSchema = z.object({
  id: z.string(),
  lotId: z.string(),
  delta: z.number(),
  reason: AdjustmentReasonSchema,
  at: z.string(),
  /** Who made it: their name as the cooperative knows them; null for the system. */
  author: z.object({ userId: z.string(), name: z.string().nullable() }).nullable(),
});
export type StockAdjustment = z.infer<typeof StockAdjustmentSchema>;

export const StockListingSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: ListingStatusSchema,
  unit: CatalogueEntrySchema,
  priceVnd: z.number().int(),
  /** Sellable today: on hand in lots not past their last day. */
  availableStock: z.number(),
  /** On hand in every lot, expired ones included (they still need a write-off). */
  onHand: z.number(),
  lowStockThreshold: z.number().nullable(),
  /** Sellable stock is at or below the threshold. */
  isLowStock: z.boolean(),
  lots: z.array(StockLotSchema),
  /** The latest adjustments (at most 20), newest first. */
  recentAdjustments: z.array(StockAdjustmentSchema),
});
export type StockListing = z.infer<typeof StockListingSchema>;

export const ExpiringLotSchema = z.object({
  lotId: z.string(),
  traceCode: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  onHand: z.number(),
  expiresAt: z.string(),
  daysToExpiry: z.number().int(),
  member: MemberRefSchema.nullable(),
});

export const StockConsoleSchema = z.object({
  cooperative: z.object({ id: z.string(), name: z.string() }),
  /** Vietnam date the figures are for. */
  today: z.string(),
  expiringWithinDays: z.number().int(),
  listings: z.array(StockListingSchema),
  /**
   * Lots holding stock whose last day is within `expiringWithinDays` (0: today), soonest first;
   * lots already past it come first (negative `daysToExpiry`): they need a write-off.
   */
  expiring: z.array(ExpiringLotSchema),
  /** Ids of listings at or below their low-stock threshold. */
  lowStock: z.array(z.string()),
});
export type StockConsole = z.infer<typeof StockConsoleSchema>;

export const LowStockThresholdSchema = z
  .object({
    lowStockThreshold: z
      .number()
      .min(0)
      .max(MAX_QUANTITY)
      .refine(hasAtMostThreeDecimals, 'at most 3 decimals')
      .nullable(),
  })
  .strict();
export type LowStockThreshold = z.infer<typeof LowStockThresholdSchema>;

export const LowStockThresholdResultSchema = z.object({
  listingId: z.string(),
  lowStockThreshold: z.number().nullable(),
  availableStock: z.number(),
  isLowStock: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// CSV export and import

export const StockExportQuerySchema = z
  .object({
    /** `semicolon` for spreadsheets whose list separator is `;` (Excel on a Vietnamese Windows). */
    separator: z.enum(['comma', 'semicolon']).default('comma'),
    includeEmpty: QueryBooleanSchema.default(false),
  })
  .strict();
export type StockExportQuery = z.infer<typeof StockExportQuerySchema>;

export const StockImportQuerySchema = z.object({ mode: z.enum(['preview', 'apply']).default('preview') }).strict();
export type StockImportQuery = z.infer<typeof StockImportQuerySchema>;

/** Largest stock CSV accepted: ~20,000 rows, far more than a cooperative's stock. */
export const MAX_STOCK_CSV_BYTES = 2 * 1024 * 1024;

export const StockImportIssueSchema = z.object({
  /** The column as the file names it (or its key, when the column is missing). */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  messageVi: z.string(),
});
export type StockImportIssue = z.infer<typeof StockImportIssueSchema>;

export const StockImportRowSchema = z.object({
  /** Spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  /** `receive`: a new lot; `count`: a counted on-hand for an existing lot. */
  kind: z.enum(['receive', 'count']).nullable(),
  /** What applying does (or did) with the row. */
  outcome: z.enum(['receive', 'adjust', 'unchanged', 'already_applied', 'error']),
  rowRef: z.string().nullable(),
  listingId: z.string().nullable(),
  /** The lot counted, or (after apply) the lot received. */
  lotId: z.string().nullable(),
  /** Units the row adds (receive) or the count's correction (count). */
  delta: z.number().nullable(),
  issues: z.array(StockImportIssueSchema),
});
export type StockImportRow = z.infer<typeof StockImportRowSchema>;

export const StockImportResultSchema = z.object({
  mode: z.enum(['preview', 'apply']),
  /** True only after an apply that wrote every row; a file with any error writes nothing. */
  applied: z.boolean(),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1258']),
  delimiter: z.enum([',', ';', '\t']),
  rows: z.array(StockImportRowSchema),
  summary: z.object({
    rows: z.number().int(),
    receive: z.number().int(),
    adjust: z.number().int(),
    unchanged: z.number().int(),
    alreadyApplied: z.number().int(),
    errors: z.number().int(),
  }),
  /** Problems with the file itself (a missing column), not with one row. */
  fileIssues: z.array(StockImportIssueSchema),
});
export type StockImportResult = z.infer<typeof StockImportResultSchema>;

// ---------------------------------------------------------------------------------------------
// Labels

export const MAX_LABELS = 100;

export const LabelsQuerySchema = z
  .object({
    /** Comma-separated lot ids, at most 100. */
    lotIds: z
      .string()
      .min(1)
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(IdSchema)
          .min(1)
          .max(MAX_LABELS)
          .refine((ids) => new Set(ids).size === ids.length, 'each lot once'),
      ),
  })
  .strict();
export type LabelsQuery = z.infer<typeof LabelsQuerySchema>;

export const LabelSchema = z.object({
  lotId: z.string(),
  traceCode: z.string(),
  /** The public trace page the QR code opens. */
  traceUrl: z.string(),
  /** The QR code of `traceUrl`, a standalone SVG document. */
  qrSvg: z.string(),
  product: z.object({ listingId: z.string(), title: z.string(), unit: CatalogueEntrySchema }),
  cooperative: z.object({ id: z.string(), name: z.string(), province: z.object({ id: z.string(), name: z.string() }) }),
  /** The grower as they allow: full name, initials, or null (not named). */
  member: z.object({ name: z.string() }).nullable(),
  harvestedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type Label = z.infer<typeof LabelSchema>;

export const LabelsSchema = z.object({ labels: z.array(LabelSchema) });

// ---------------------------------------------------------------------------------------------
// Reports

/** At most a year and a day per report. */
export const MAX_REPORT_DAYS = 366;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A range of Vietnam calendar days, both ends included. */
export const DateRangeQuerySchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema })
  .strict()
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'to is before from' })
  .refine((v) => daysBetween(v.from, v.to) < MAX_REPORT_DAYS, {
    path: ['to'],
    message: `at most ${MAX_REPORT_DAYS} days`,
  });
export type DateRangeQuery = z.infer<typeof DateRangeQuerySchema>;

/** The member sales report as CSV: the same range, and the separator as for the stock file. */
export const MemberSalesCsvQuerySchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    separator: z.enum(['comma', 'semicolon']).default('comma'),
  })
  .strict()
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'to is before from' })
  .refine((v) => daysBetween(v.from, v.to) < MAX_REPORT_DAYS, {
    path: ['to'],
    message: `at most ${MAX_REPORT_DAYS} days`,
  });
export type MemberSalesCsvQuery = z.infer<typeof MemberSalesCsvQuerySchema>;

export const MemberSalesLineSchema = z.object({
  listingId: z.string(),
  title: z.string(),
  unit: CatalogueEntrySchema,
  /** Units of this member's lots sold in this listing. */
  quantity: z.number(),
  /** Σ allocated quantity × unit price, in đồng. */
  grossVnd: z.number().int(),
  /** The member's share of the platform fee (largest-remainder split of each fulfilment's fee). */
  feeVnd: z.number().int(),
  refundsVnd: z.number().int(),
  /** What the cooperative owes the member: gross − fee − refunds. */
  netVnd: z.number().int(),
});
export type MemberSalesLine = z.infer<typeof MemberSalesLineSchema>;

export const MoneyTotalsSchema = z.object({
  quantity: z.number(),
  grossVnd: z.number().int(),
  feeVnd: z.number().int(),
  refundsVnd: z.number().int(),
  netVnd: z.number().int(),
});

export const MemberSalesSchema = z.object({
  /** Null: lots received without a member (the cooperative's own stock). */
  member: MemberRefSchema.nullable(),
  lines: z.array(MemberSalesLineSchema),
  totals: MoneyTotalsSchema,
});
export type MemberSales = z.infer<typeof MemberSalesSchema>;

export const MemberSalesReportSchema = z.object({
  cooperative: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  /** The fee in force for this report, in percent (PLATFORM_FEE_PERCENT). */
  platformFeePercent: z.number(),
  /** Delivered fulfilments counted (delivered between from and to, Vietnam days, inclusive). */
  fulfilments: z.number().int(),
  members: z.array(MemberSalesSchema),
  totals: MoneyTotalsSchema,
  /** How the figures are made, in English and Vietnamese. */
  notes: z.array(z.object({ en: z.string(), vi: z.string() })),
});
export type MemberSalesReport = z.infer<typeof MemberSalesReportSchema>;

/** A member's own page: their lots and their sales; nothing of other members. */
export const CooperativeMeQuerySchema = z
  .object({ from: CalendarDateSchema.optional(), to: CalendarDateSchema.optional() })
  .strict()
  .refine((v) => !v.from || !v.to || v.to >= v.from, { path: ['to'], message: 'to is before from' })
  .refine((v) => !v.from || !v.to || daysBetween(v.from, v.to) < MAX_REPORT_DAYS, {
    path: ['to'],
    message: `at most ${MAX_REPORT_DAYS} days`,
  });
export type CooperativeMeQuery = z.infer<typeof CooperativeMeQuerySchema>;

export const MemberLotSchema = z.object({
  id: z.string(),
  traceCode: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  unit: CatalogueEntrySchema,
  /** As received. */
  quantity: z.number(),
  onHand: z.number(),
  /** Units sold from it (allocated to orders not cancelled). */
  sold: z.number(),
  harvestedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  isExpired: z.boolean(),
  receivedAt: z.string(),
});

export const CooperativeMeSchema = z.object({
  cooperative: z.object({ id: z.string(), name: z.string() }),
  member: z.object({
    id: z.string(),
    name: z.string(),
    role: MemberRoleSchema,
    displayPreference: MemberDisplayPreferenceSchema,
  }),
  lots: z.array(MemberLotSchema),
  /** Sales of the member's lots delivered in [from, to] (default: this month so far), and what they earn. */
  sales: z.object({
    from: z.string(),
    to: z.string(),
    platformFeePercent: z.number(),
    lines: z.array(MemberSalesLineSchema),
    totals: MoneyTotalsSchema,
  }),
});
export type CooperativeMe = z.infer<typeof CooperativeMeSchema>;

// ---------------------------------------------------------------------------------------------
// Packing list

export const PackingListQuerySchema = z.object({ date: CalendarDateSchema.optional() }).strict();
export type PackingListQuery = z.infer<typeof PackingListQuerySchema>;

export const PackingItemSchema = z.object({
  listingId: z.string(),
  title: z.string(),
  unit: CatalogueEntrySchema,
  quantity: z.number(),
  /** Where the units come from (the lots the order took, first expiring first): label them with these codes. */
  lots: z.array(
    z.object({
      lotId: z.string(),
      traceCode: z.string(),
      quantity: z.number(),
      expiresAt: z.string().nullable(),
      member: MemberRefSchema.nullable(),
    }),
  ),
});

export const PackingFulfilmentSchema = z.object({
  fulfilmentId: z.string(),
  orderId: z.string(),
  orderCode: z.string(),
  /** `confirmed`: to pack; `shipped`: packed and handed over on that day. */
  status: z.enum(['confirmed', 'shipped', 'delivered']),
  confirmedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  buyer: z.object({ name: z.string().nullable() }),
  /** Pickup only: the pickup point as the order was placed. */
  pickup: z.object({ address: z.string().nullable(), hours: z.string().nullable() }).nullable(),
  /** Delivery only: who receives it and where (the seller needs it to deliver). */
  recipient: z
    .object({
      name: z.string(),
      phone: z.string(),
      province: z.object({ id: z.string(), name: z.string() }),
      commune: z.string().nullable(),
      street: z.string(),
    })
    .nullable(),
  items: z.array(PackingItemSchema),
});
export type PackingFulfilment = z.infer<typeof PackingFulfilmentSchema>;

export const PackingListSchema = z.object({
  cooperative: z.object({ id: z.string(), name: z.string() }),
  date: z.string(),
  pickup: z.object({ fulfilments: z.array(PackingFulfilmentSchema) }),
  delivery: z.object({ fulfilments: z.array(PackingFulfilmentSchema) }),
  /** Units to pack per listing across every fulfilment still to pack. */
  totals: z.array(
    z.object({ listingId: z.string(), title: z.string(), unit: CatalogueEntrySchema, quantity: z.number() }),
  ),
});
export type PackingList = z.infer<typeof PackingListSchema>;
