import { IdSchema, LotCreateSchema, SellerCreateSchema } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkForm,
  firstError,
  formText,
  redirectIfSignedOut,
  requireSignedIn,
  wholeNumber,
} from '../../web/src/lib/server/form.ts';

// The storefront's one way of reading a form post (web/src/lib/server/form.ts): text -> schema
// built from the contracts -> a typed value, or a message per field; and the sign-in guard.

// The tests project has no zod of its own: a form schema made from a contract's object schema.
const Lot = SellerCreateSchema.pick({})
  .extend({ listingId: IdSchema, quantity: wholeNumber(LotCreateSchema.shape.quantity) })
  .strip();

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
}

describe('formText', () => {
  it('trims each named field; missing fields and files read as empty', () => {
    const data = form({ name: '  Chè Tân Cương  ' });
    data.set('file', new File(['x'], 'a.csv'));
    expect(formText(data, ['name', 'bio', 'file'])).toEqual({ name: 'Chè Tân Cương', bio: '', file: '' });
  });
});

describe('checkForm', () => {
  it('reads numbers the way people type them and gives the schema its typed value', () => {
    const checked = checkForm(Lot, { listingId: 'lst_1', quantity: '1.000' });
    expect(checked).toEqual({ ok: true, data: { listingId: 'lst_1', quantity: 1000 } });
  });

  it('says "required" for an empty field and the given message for a wrong one', () => {
    const checked = checkForm(Lot, { listingId: '', quantity: 'mười' }, { quantity: { key: 'coop.err.quantity' } });
    expect(checked).toEqual({
      ok: false,
      errors: {
        form: { key: 'err.form' },
        fields: { listingId: { key: 'err.required' }, quantity: { key: 'coop.err.quantity' } },
      },
    });
  });

  it('refuses numbers outside the contract (0, above the maximum) with the field message', () => {
    for (const quantity of ['0', '1000001']) {
      const checked = checkForm(Lot, { listingId: 'lst_1', quantity }, { quantity: { key: 'coop.err.quantity' } });
      expect(checked.ok ? null : firstError(checked.errors)).toEqual({ key: 'coop.err.quantity' });
    }
  });

  it('an empty optional field is not sent; too long text is "too long"; a separate "required" message', () => {
    const Seller = SellerCreateSchema.pick({ name: true, bio: true, kind: true });
    const checked = checkForm(
      Seller,
      { name: 'x'.repeat(121), bio: '', kind: '' },
      { kind: { required: { key: 'err.kind' }, invalid: { key: 'err.invalid' } } },
    );
    expect(checked.ok ? null : checked.errors.fields).toEqual({
      name: { key: 'err.tooLong' },
      kind: { key: 'err.kind' },
    });
    const ok = checkForm(Seller, { name: 'HTX Chè', bio: '', kind: 'cooperative' });
    expect(ok).toEqual({ ok: true, data: { name: 'HTX Chè', kind: 'cooperative' } });
  });
});

describe('the sign-in guard', () => {
  const url = new URL('http://shop.test/ban-hang/don-hang?sellerId=s1');
  const redirectOf = (run: () => void) => {
    try {
      run();
    } catch (thrown) {
      return thrown as { status: number; location: string };
    }
    return null;
  };

  it('sends a visitor without a session to sign in, and back here afterwards', () => {
    expect(redirectOf(() => requireSignedIn({ locals: { token: null }, url }))).toMatchObject({
      status: 303,
      location: '/dang-nhap?redirectTo=%2Fban-hang%2Fdon-hang%3FsellerId%3Ds1',
    });
    expect(redirectOf(() => requireSignedIn({ locals: { token: 'tok' }, url }))).toBeNull();
  });

  it('does the same when the API no longer takes the session, and nothing on other failures', () => {
    expect(redirectOf(() => redirectIfSignedOut({ code: 'UNAUTHENTICATED' }, url))).toMatchObject({ status: 303 });
    expect(redirectOf(() => redirectIfSignedOut({ code: 'NOT_FOUND' }, url))).toBeNull();
  });
});
