import { BankAccountSchema, isSellerManager, type Me } from '@nongsan/contracts';
import { foldVietnamese } from '@nongsan/vn';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { BANKS, bankByBin } from '$lib/payments/banks.ts';
import { call } from '$lib/server/api.ts';
import { type FormErrors, formErrorsFor } from '$lib/server/failures.ts';
import { checkForm, formText, redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
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
    redirectIfSignedOut(failure, url);
    if (failure.code === 'NOT_FOUND' || failure.code === 'FORBIDDEN') error(404, { message: 'balance not found' });
    error(failure.status >= 500 || failure.code === 'NETWORK' ? 503 : 500, { message: 'balance unavailable' });
  }
  return { sellers, seller, balance: result.data, banks: BANKS };
};

type BankAccountValues = { bankBin: string; accountNumber: string; accountName: string };
type BankAccountFailure = { saved: false; errors: FormErrors; values: BankAccountValues };

const BANK_ACCOUNT_MESSAGES = {
  bankBin: { key: 'payments.bankAccount.errBank' },
  accountNumber: { key: 'payments.bankAccount.errNumber' },
  accountName: { key: 'payments.bankAccount.errName' },
} as const satisfies Record<string, Message>;

function refuse(status: number, errors: FormErrors, values: BankAccountValues) {
  return fail(status, { saved: false, errors, values } satisfies BankAccountFailure);
}

export const actions = {
  /** PUT /sellers/:id/bank-account: where the marketplace pays this seller's sales. */
  bankAccount: async (event: RequestEvent) => {
    requireSignedIn(event);
    const sellerId = event.url.searchParams.get('sellerId') ?? '';
    const typed = formText(await event.request.formData(), ['bankBin', 'accountNumber', 'accountName']);
    const values: BankAccountValues = {
      bankBin: typed.bankBin,
      // People write account numbers in groups ("0011 0012 34567"); banks do not.
      accountNumber: typed.accountNumber.replace(/[\s.-]/g, ''),
      // As banks print it, and as a payout batch file must carry it: upper case, no diacritics
      // ("Nguyễn Văn An" is NGUYEN VAN AN on the account).
      accountName: foldVietnamese(typed.accountName).toUpperCase(),
    };
    const bank = bankByBin(values.bankBin);
    // The contract's account, with the bank's name taken from our list of banks by its BIN.
    const checked = checkForm(BankAccountSchema, { ...values, bankName: bank?.name ?? '' }, BANK_ACCOUNT_MESSAGES);
    if (!checked.ok || !bank) {
      const fields: Record<string, Message> = checked.ok ? {} : { ...checked.errors.fields };
      if (!bank) fields.bankBin = BANK_ACCOUNT_MESSAGES.bankBin;
      delete fields.bankName;
      return refuse(422, { form: { key: 'err.form' }, fields }, values);
    }

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
      redirectIfSignedOut(failure, event.url);
      if (failure.code === 'NOT_FOUND' || failure.code === 'FORBIDDEN') error(404, { message: 'seller not found' });
      return refuse(
        failure.status,
        formErrorsFor(failure, {
          bankBin: BANK_ACCOUNT_MESSAGES.bankBin.key,
          bankName: BANK_ACCOUNT_MESSAGES.bankBin.key,
          accountNumber: BANK_ACCOUNT_MESSAGES.accountNumber.key,
          accountName: BANK_ACCOUNT_MESSAGES.accountName.key,
        }),
        values,
      );
    }
    return { saved: true as const };
  },
} satisfies Actions;
