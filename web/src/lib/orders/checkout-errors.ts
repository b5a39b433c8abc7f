// Why an order could not be placed, as the checkout form shows it: a message per address field,
// and one for the form. Input is the API's VALIDATION_FAILED details (`deliveries.<sellerId>.
// address.phone`, `items.0.listingId`, `paymentMethod`) or the same issues from checking the
// address with the API's own schema before sending it. Pure, so tests/unit can check the mapping.
import type { Message, MessageKey } from '../i18n/index.ts';

export const ADDRESS_FIELDS = ['recipientName', 'phone', 'communeCode', 'street'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

export type CheckoutErrors = {
  form: Message | null;
  fields: Partial<Record<AddressField | 'paymentMethod', Message>>;
};

export type Issue = { path: string; code: string };

/** The message for a wrong value of each field (empty and too long have common messages). */
const WRONG_VALUE: Record<AddressField, MessageKey> = {
  recipientName: 'err.invalid',
  phone: 'err.phone',
  communeCode: 'commune.unknown',
  street: 'err.invalid',
};

function isAddressField(name: string | undefined): name is AddressField {
  return (ADDRESS_FIELDS as readonly string[]).includes(name ?? '');
}

function fieldMessage(field: AddressField, code: string): Message {
  if (code === 'too_small') return { key: 'err.required' };
  if (code === 'too_big') return { key: 'err.tooLong' };
  return { key: WRONG_VALUE[field] };
}

/**
 * Address issues go to their field; items that cannot be bought, a seller that stopped
 * delivering and a payment method not offered each say what to do; anything else asks to fix
 * the marked fields (there always is a form-level message, so nothing fails silently).
 */
export function checkoutErrorsFor(issues: readonly Issue[]): CheckoutErrors {
  const errors: CheckoutErrors = { form: null, fields: {} };
  let formKey: MessageKey | null = null;
  for (const issue of issues) {
    const parts = issue.path.split('.');
    const addressAt = parts.indexOf('address');
    const field = addressAt >= 0 ? parts[addressAt + 1] : parts.length === 1 ? parts[0] : undefined;
    if (isAddressField(field)) {
      errors.fields[field] ??= fieldMessage(field, issue.code);
      formKey ??= 'err.form';
    } else if (parts[0] === 'items') {
      formKey = 'checkout.reviewCart';
    } else if (parts[0] === 'paymentMethod') {
      errors.fields.paymentMethod ??= { key: 'checkout.paymentNotOffered' };
      formKey ??= 'err.form';
    } else if (issue.code === 'delivery_not_offered') {
      formKey = 'checkout.deliveryNotOffered';
    } else if (['outside_area', 'below_minimum', 'too_heavy'].includes(issue.code)) {
      formKey = 'checkout.deliveryUnavailable';
    } else {
      formKey ??= 'err.form';
    }
  }
  errors.form = { key: formKey ?? 'err.form' };
  return errors;
}
