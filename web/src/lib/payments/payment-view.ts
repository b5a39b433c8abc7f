// An order's payment as the buyer's, the seller's and the operator's pages show it: the words for
// its state, the deadline as text, the bank-transfer details to copy, and whether a seller may
// mark cash collected. Pure (types only), so tests/unit checks it without a browser.
import { formatVnd } from '@nongsan/vn/money';

export type PaymentMethod = 'cod' | 'bank_transfer' | 'stripe';
export type PaymentStatus = 'pending' | 'paid' | 'refund_pending' | 'refunded' | 'cancelled';

/** The parts of the API's `order.payment` these helpers read (the payments contract). */
export type PaymentLike = {
  method: PaymentMethod;
  status: PaymentStatus;
  deadlineAt: string | null;
  flagged?: { reason: string; note?: string | null } | null;
  cashCollected?: readonly { fulfilmentId: string; amountVnd: number; collectedAt: string }[] | null;
};

export type PaymentStatusKey =
  | 'payments.status.pending'
  | 'payments.status.codPending'
  | 'payments.status.paid'
  | 'payments.status.refund_pending'
  | 'payments.status.refunded'
  | 'payments.status.cancelled'
  | 'payments.status.flagged';

/**
 * The words for the payment's state. An unpaid order whose money is flagged for review (an amount
 * that does not match, a card payment in the wrong currency) is "being checked": it is neither
 * paid nor simply waiting. Once the order is paid (the rest arrived) or its money goes back, that
 * state is what the person needs to read; a flag left on an earlier transfer does not hide it.
 */
export function paymentStatusKey(payment: Pick<PaymentLike, 'method' | 'status' | 'flagged'>): PaymentStatusKey {
  if (payment.flagged && payment.status === 'pending') return 'payments.status.flagged';
  // Cash is paid when the goods change hands: nothing is "awaiting payment" before then.
  if (payment.method === 'cod' && payment.status === 'pending') return 'payments.status.codPending';
  return `payments.status.${payment.status}`;
}

/** The tone of the status badge: waiting (earth), done (tea), money going back, or stopped. */
export function paymentTone(key: PaymentStatusKey): 'waiting' | 'done' | 'refund' | 'stopped' | 'review' {
  switch (key) {
    case 'payments.status.pending':
    case 'payments.status.codPending':
      return 'waiting';
    case 'payments.status.paid':
      return 'done';
    case 'payments.status.refund_pending':
    case 'payments.status.refunded':
      return 'refund';
    case 'payments.status.cancelled':
      return 'stopped';
    case 'payments.status.flagged':
      return 'review';
  }
}

const VIETNAM_DAY_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * `14:30 27/11` in Vietnam's time: the payment deadline as people say it ("trước 14:30 27/11").
 * No year (a deadline is at most days away) and no countdown (a page that ticks is a page that
 * lies when the phone sleeps). An invalid date comes back as it came.
 */
export function formatDeadline(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of VIETNAM_DAY_TIME.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}`;
}

/** The deadline to show: only while the buyer still has to pay online. */
export function payByText(payment: Pick<PaymentLike, 'method' | 'status' | 'deadlineAt' | 'flagged'>): string | null {
  if (payment.method === 'cod' || payment.status !== 'pending' || payment.flagged || !payment.deadlineAt) return null;
  return formatDeadline(payment.deadlineAt);
}

export type BankTransferLike = {
  bankName: string;
  accountNumber: string;
  accountName: string;
  amountVnd: number;
  reference: string;
};

export type CopyField = {
  id: 'bank' | 'account' | 'name' | 'amount' | 'reference';
  label:
    | 'payments.bank.bank'
    | 'payments.bank.account'
    | 'payments.bank.name'
    | 'payments.bank.amount'
    | 'payments.bank.reference';
  /** What is shown. */
  shown: string;
  /** What the copy button puts on the clipboard: what a banking app's field accepts. */
  copied: string;
};

/**
 * The five things a buyer types into a banking app when the QR cannot be scanned (the QR is on
 * the same phone). The amount is copied as digits only: banking apps refuse "1.250.000 ₫".
 */
export function transferFields(transfer: BankTransferLike): CopyField[] {
  return [
    { id: 'bank', label: 'payments.bank.bank', shown: transfer.bankName, copied: transfer.bankName },
    { id: 'account', label: 'payments.bank.account', shown: transfer.accountNumber, copied: transfer.accountNumber },
    { id: 'name', label: 'payments.bank.name', shown: transfer.accountName, copied: transfer.accountName },
    {
      id: 'amount',
      label: 'payments.bank.amount',
      shown: formatVnd(transfer.amountVnd),
      copied: String(transfer.amountVnd),
    },
    { id: 'reference', label: 'payments.bank.reference', shown: transfer.reference, copied: transfer.reference },
  ];
}

/** Whether the QR and the transfer details are for this person now: the buyer, still to pay. */
export function showsTransferDetails(
  payment: Pick<PaymentLike, 'method' | 'status' | 'flagged'>,
  isBuyer: boolean,
): boolean {
  return isBuyer && payment.method === 'bank_transfer' && payment.status === 'pending' && !payment.flagged;
}

export type CashState =
  /** Not cash on delivery, or nothing to collect (cancelled, not yet handed over). */
  | { kind: 'none' }
  /** Handed over and not yet recorded: the seller can tap "Đã thu tiền". */
  | { kind: 'collect'; amountVnd: number }
  | { kind: 'collected'; amountVnd: number; collectedAt: string };

/**
 * Cash on delivery, per fulfilment: once the goods are handed over (shipped or delivered) the
 * seller records the cash, exactly the fulfilment's total. Before that there is nothing to collect.
 */
export function cashStateOf(
  payment: Pick<PaymentLike, 'method' | 'status' | 'cashCollected'>,
  fulfilment: { id: string; status: string; totalVnd: number },
): CashState {
  if (payment.method !== 'cod') return { kind: 'none' };
  const collected = payment.cashCollected?.find((c) => c.fulfilmentId === fulfilment.id);
  if (collected) return { kind: 'collected', amountVnd: collected.amountVnd, collectedAt: collected.collectedAt };
  if (payment.status === 'cancelled' || payment.status === 'refunded') return { kind: 'none' };
  if (fulfilment.status !== 'shipped' && fulfilment.status !== 'delivered') return { kind: 'none' };
  return { kind: 'collect', amountVnd: fulfilment.totalVnd };
}

/**
 * What the amount on a seller's card means: cash still to collect or collected, paid online, or
 * the online payment's state while it is not (awaiting, being checked, refunded).
 */
export function sellerMoneyLabel(
  payment: Pick<PaymentLike, 'method' | 'status' | 'flagged'>,
  cash: CashState,
  handOver: 'pickup' | 'delivery',
):
  | PaymentStatusKey
  | 'sellerOrders.collect'
  | 'sellerOrders.collect.pickup'
  | 'sellerOrders.paid'
  | 'payments.cash.collectedShort' {
  if (payment.method === 'cod') {
    if (cash.kind === 'collected') return 'payments.cash.collectedShort';
    if (payment.status !== 'pending') return paymentStatusKey(payment);
    // Collected when the buyer comes for the goods, not "on delivery", for a pickup.
    return handOver === 'pickup' ? 'sellerOrders.collect.pickup' : 'sellerOrders.collect';
  }
  const key = paymentStatusKey(payment);
  return key === 'payments.status.paid' ? 'sellerOrders.paid' : key;
}

/**
 * An amount to prefill a form field with, as people type it on a phone: `185.000` (no ₫; the
 * forms read dots, spaces and a trailing ₫ alike).
 */
export function amountFieldValue(amountVnd: number): string {
  return String(amountVnd).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The card payment page of an order: a full page load (it carries its own CSP for Stripe). */
export function cardPaymentPath(orderId: string): string {
  return `/don-hang/${encodeURIComponent(orderId)}/thanh-toan-the`;
}

/** True for the card payment page's path (the one page whose CSP lets Stripe.js in). */
export function isCardPaymentPath(pathname: string): boolean {
  return /^\/don-hang\/[^/]+\/thanh-toan-the\/?$/.test(pathname);
}
