// @nongsan/payments: how buyers pay (Stripe, bank transfer with VietQR, cash on delivery), the
// payment state machine, and bank-statement matching. No HTTP routes inside: the API's orders and
// payments modules call it. Only this package imports stripe.

export {
  MAX_STATEMENT_BYTES,
  type ParsedBankStatement,
  parseBankStatementCsv,
  parseStatementAmount,
  parseStatementDate,
  type SkippedStatementRow,
  type StatementDelimiter,
  type StatementEncoding,
  type StatementRow,
  type StatementRowIssue,
} from './bank-statement.ts';
export {
  type BankTransferConfig,
  BankTransferConfigSchema,
  type BankTransferPaymentProvider,
  createBankTransferProvider,
} from './bank-transfer.provider.ts';
export { type CodPaymentProvider, createCodProvider } from './cod.provider.ts';
export { crc16CcittFalse, crc16Hex } from './crc16.ts';
export {
  BankStatementError,
  PaymentProviderError,
  type PaymentProviderErrorCode,
  VietQrError,
  WebhookPayloadError,
  WebhookSignatureError,
  type WebhookSignatureReason,
} from './errors.ts';
export {
  type BankTransferPaymentStart,
  type CodPaymentStart,
  type IgnoredPaymentEvent,
  PAYMENT_METHODS,
  type ParsedPaymentEvent,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentMethod,
  type PaymentOrder,
  type PaymentProvider,
  type PaymentStart,
  type PaymentToRefund,
  type RefundResult,
  type RefundStatus,
  type StripePaymentStart,
  type WebhookHeaders,
} from './payment-provider.ts';
export {
  applyPaymentEvent,
  createPaymentState,
  isPaymentCaptured,
  PAYMENT_CURRENCY,
  type PaymentFlag,
  type PaymentFlagReason,
  type PaymentState,
  type PaymentStatus,
  type PaymentTransition,
} from './payment-state.ts';
export {
  createPaymentProviders,
  type PaymentProviders,
  type PaymentsConfig,
  PaymentsConfigSchema,
} from './providers.ts';
export { renderQrPngDataUrl, renderQrSvg } from './qr-image.ts';
export {
  type DuplicateStatementRow,
  type ExpectedTransfer,
  type MatchedTransfer,
  type MismatchedTransfer,
  matchStatement,
  type StatementMatchPreview,
} from './statement-match.ts';
export {
  createStripeProvider,
  HANDLED_STRIPE_EVENT_TYPES,
  normaliseStripeEvent,
  paymentIdempotencyKey,
  refundIdempotencyKey,
  STRIPE_API_VERSION,
  STRIPE_WEBHOOK_TOLERANCE_SECONDS,
  type StripeConfig,
  StripeConfigSchema,
  type StripePaymentProvider,
} from './stripe.provider.ts';
export {
  buildTransferReference,
  buildVietQrPayload,
  decodeTlv,
  encodeTlv,
  MAX_REFERENCE_LENGTH,
  NAPAS_GUID,
  type ParsedVietQr,
  parseVietQrPayload,
  sanitizeTransferText,
  type TlvField,
  VIETQR_SERVICE_ACCOUNT,
  VIETQR_SERVICE_CARD,
  type VietQrInput,
} from './vietqr.ts';
