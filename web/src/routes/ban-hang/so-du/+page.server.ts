import { isSellerManager, type Me } from '@nongsan/contracts';
import { foldVietnamese } from '@nongsan/vn';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { BANKS, bankByBin } from '$lib/payments/banks.ts';
import { call } from '$lib/server/api.ts';
import { type FormErrors, formErrorsFor } from '$lib/server/failures.ts';
import { textOf } from '$lib/server/form-values.ts';
import { signInUrl } from '$lib/server/redirect.ts';
import { chooseSeller, type WritableSeller } from '$lib/server/sellers.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A seller's money is for its owner, and for a cooperative's managers (the API's rule for
 * GET /sellers/:id/balance): staff sell and pack, but do not see the accounts.
 */
function balanceSellers(me: Me): WritableSeller[] {
  return me.sellers
    .filter((s) => isSellerManager(s.role))
    .map(({ sellerId, name, kind }) => ({ sellerId, name, kind }));
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  if (me.sellers.length === 0) redirect(303, '/ban-hang/dang-ky');
  const sellers = balanceSellers(me);
  const seller = chooseSeller(sellers, url.searchParams.get('sellerId'));
  if (!seller) return { sellers, seller: null, balance: null, banks: BANKS };

  const result = await call(() =>
    locals.api.api.v1.sellers[':sellerId'].balance.$get({ param: { sellerId: seller.sellerId } }),
  );
  if (!result.ok) {
    const { failure } = result;
    if (failure.code === 'UNAUTHENTICATED') redirect(303, signInUrl(url));
    if (failure.code === 'NOT_FOUND' || failure.code === 'FORBIDDEN') error(404, { message: 'balance not found' });
    error(failure.status >= 500 || failure.code === 'NETWORK' ? 503 : 500, { message: 'balance unavailable' });
  }
  return { sellers, seller, balance: result.data, banks: BANKS };
};

type BankAccountValues = { bankBin: string; accountNumber: string; accountName: string };
type BankAccountFailure = { saved: false; errors: FormErrors; values: BankAccountValues };

function refuse(status: number, errors: FormErrors, values: BankAccountValues) {
  return fail(status, { saved: false, errors, values } satisfies BankAccountFailure);
}

export const actions = {
  /** PUT /sellers/:id/bank-account: where the marketplace pays this seller's sales. */
  bankAccount: async (event: RequestEvent) => {
    if (!event.locals.token) redirect(303, signInUrl(event.url));
    const sellerId = event.url.searchParams.get('sellerId') ?? '';
    const form = await event.request.formData();
    const values: BankAccountValues = {
      bankBin: textOf(form, 'bankBin'),
      // People write account numbers in groups ("0011 0012 34567"); banks do not.
      accountNumber: textOf(form, 'accountNumber').replace(/[\s.-]/g, ''),
      // As banks print it, and as a payout batch file must carry it: upper case, no diacritics
      // ("Nguyễn Văn An" is NGUYEN VAN AN on the account).
      accountName: foldVietnamese(textOf(form, 'accountName')).toUpperCase(),
    };
    const bank = bankByBin(values.bankBin);
    const fields: Record<string, Message> = {};
    if (!bank) fields.bankBin = { key: 'payments.bankAccount.errBank' };
    if (!/^[A-Za-z0-9]{1,19}$/.test(values.accountNumber))
      fields.accountNumber = { key: 'payments.bankAccount.errNumber' };
    if (!values.accountName) fields.accountName = { key: 'payments.bankAccount.errName' };
    if (!bank || Object.keys(fields).length > 0) return refuse(422, { form: { key: 'err.form' }, fields }, values);

    const result = await call(() =>
      event.locals.api.api.v1.sellers[':sellerId']['bank-account'].$put({
        param: { sellerId },
        json: {
          bankBin: bank.bin,
          bankName: bank.name,
          accountNumber: values.accountNumber,
          accountName: values.accountName,
        },
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      if (failure.code === 'UNAUTHENTICATED') redirect(303, signInUrl(event.url));
      if (failure.code === 'NOT_FOUND' || failure.code === 'FORBIDDEN') error(404, { message: 'seller not found' });
      return refuse(
        failure.status,
        formErrorsFor(failure, {
          bankBin: 'payments.bankAccount.errBank',
          bankName: 'payments.bankAccount.errBank',
          accountNumber: 'payments.bankAccount.errNumber',
          accountName: 'payments.bankAccount.errName',
        }),
        values,
      );
    }
    return { saved: true as const };
  },
} satisfies Actions;
