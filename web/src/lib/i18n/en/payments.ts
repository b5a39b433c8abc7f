import type { Translation } from '../catalogue.ts';
import type { payments as vi } from '../vi/payments.ts';

// Payments as the buyer reads them (storefront group): the ways to pay at checkout (pay.*), an
// order's payment and the bank-transfer details (payments.*), paying by card (payments.card.*).
// The seller's money is in seller-payments.ts, the operator's page in operator-payments.ts.
export const payments: Translation<typeof vi> = {
  'pay.cod': 'Cash on delivery (COD)',
  'pay.codHint': 'Pay cash when you receive the goods: to the courier, or when you pick them up.',
  'pay.bank_transfer': 'Bank transfer (VietQR)',
  'pay.bank_transferHint':
    'After ordering, scan the QR code with your banking app. Your items are held until the deadline.',
  'pay.stripe': 'Card (Stripe)',
  'pay.stripeHint': 'After ordering, enter your Visa or Mastercard on Stripe’s secure payment page.',

  'payments.status.pending': 'Awaiting payment',
  'payments.status.codPending': 'Pay when you receive it',
  'payments.status.paid': 'Paid',
  'payments.status.refund_pending': 'Refund in progress',
  'payments.status.refunded': 'Refunded',
  'payments.status.cancelled': 'Cancelled',
  'payments.status.flagged': 'Checking your payment',

  'payments.title': 'Payment',
  'payments.method': 'Paid by',
  'payments.payBy': 'Pay before {time}',
  'payments.payByLead':
    'If the money has not arrived by then, the order is cancelled and the items go back to the seller.',
  'payments.cod': 'Pay cash when you receive the goods',
  'payments.codCollected': 'The seller received {amount} in cash.',
  'payments.qrTitle': 'Scan to pay by bank transfer',
  'payments.qrAlt': 'VietQR code: transfer {amount} to account {account}, reference {reference}',
  'payments.qrLead': 'Open your banking app and choose “scan QR”: the amount and reference are in the code.',
  'payments.exactReference': 'Write the transfer reference exactly',
  'payments.exactReferenceWhy':
    'The reference {reference} is how your money is matched to this order. Transfer exactly {amount}, once.',
  'payments.byHand': 'Or transfer by hand with these details:',
  'payments.bank.bank': 'Bank',
  'payments.bank.account': 'Account number',
  'payments.bank.name': 'Account name',
  'payments.bank.amount': 'Amount',
  'payments.bank.reference': 'Transfer reference',
  'payments.copy': 'Copy',
  'payments.copyWhat': 'Copy {what}',
  'payments.copied': 'Copied',
  'payments.copyFailed': 'Could not copy: press and hold the text to copy it.',
  'payments.afterTransfer':
    'Once you have transferred, this page says “Paid” when the money reaches the marketplace’s account.',
  'payments.flaggedLead': 'The amount received does not match the order. We are checking it and will contact you.',
  'payments.received': 'Received',
  'payments.refundDue': 'To be refunded to you',
  'payments.refunded': 'Refunded to you',
  'payments.payByCard': 'Pay by card · {total}',
  'payments.cardReturn.succeeded':
    'Stripe has received your card payment. This page says “Paid” as soon as it is confirmed.',
  'payments.cardReturn.processing': 'Your bank is processing the card payment. This page will show the result.',
  'payments.cardReturn.failed': 'The card payment did not go through. You can try again.',

  'payments.card.title': 'Pay by card',
  'payments.card.order': 'Order {code} · {total}',
  'payments.card.loading': 'Opening Stripe’s card form…',
  'payments.card.pay': 'Pay {total}',
  'payments.card.paying': 'Processing…',
  'payments.card.secure': 'Your card number is typed into Stripe’s form; nongsan never sees or stores it.',
  'payments.card.offline': 'Stripe’s card form could not be loaded. Your connection may be weak or offline.',
  'payments.card.retry': 'Try again',
  'payments.card.noSwitch':
    'Your order is still held, but its payment method cannot be changed. Please pay before {time}, or the order is cancelled.',
  'payments.card.noScript': 'Paying by card needs JavaScript turned on. Your order is held until the payment deadline.',
  'payments.card.startFailed': 'The card payment could not be started. Please try again in a few minutes.',
  'payments.card.failed': 'The payment did not go through: {message}',
  'payments.card.failedGeneric': 'The payment did not go through. Check your card and try again.',
  'payments.card.back': '← Back to the order',

  'payments.cash.collectedShort': 'Cash collected',

  'payments.balance.link': 'Balance and payouts',

  'payments.admin.link': 'Manage payments',
};
