import { fail, redirect } from '@sveltejs/kit';
import {
  addressFailureErrors,
  checkAddressForm,
  pickerOptions,
  readAddressForm,
  toCommuneOption,
} from '$lib/server/addresses.ts';
import { call } from '$lib/server/api.ts';
import { messageFor } from '$lib/server/failures.ts';
import { formText, redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['saved', 'default', 'deleted'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  await requireMe(locals, url);
  const result = await call(() => locals.api.api.v1.me.addresses.$get());
  if (!result.ok) {
    redirectIfSignedOut(result.failure, url);
    return { addresses: [], editing: null, notice: null, loadError: messageFor(result.failure) };
  }
  const addresses = result.data.addresses;
  // ?sua=<id>: the form edits that address (only if it is one of mine).
  const editing = addresses.find((a) => a.id === url.searchParams.get('sua')) ?? null;
  const notice = NOTICES.find((n) => url.searchParams.get('ok') === n) ?? null;
  return {
    addresses: addresses.map((a) => ({ ...a, commune: toCommuneOption(a.commune) })),
    editing: editing
      ? {
          id: editing.id,
          label: editing.label ?? '',
          recipientName: editing.recipientName,
          phone: editing.phone,
          street: editing.street,
          commune: toCommuneOption(editing.commune),
        }
      : null,
    notice,
    loadError: null,
  };
};

export const actions = {
  /** The picker's search without JavaScript: the form comes back as typed, with the units found. */
  findCommune: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const values = readAddressForm(await request.formData());
    const communeOptions = await pickerOptions(locals.api, values.communeQuery, values.communeCode);
    return { values, communeOptions, searched: true, errors: null };
  },

  save: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const values = readAddressForm(await request.formData());
    const refuse = async (status: number, errors: Awaited<ReturnType<typeof addressFailureErrors>>) =>
      fail(status, {
        values,
        errors,
        communeOptions: await pickerOptions(locals.api, values.communeQuery, values.communeCode),
        searched: values.communeQuery !== '',
      });
    const checked = checkAddressForm(values);
    if (!checked.ok) return refuse(422, checked.errors);
    const { isDefault, ...fields } = checked.data;
    const result = values.addressId
      ? await call(() =>
          locals.api.api.v1.me.addresses[':addressId'].$patch({
            param: { addressId: values.addressId },
            json: { ...fields, label: fields.label ?? null },
          }),
        )
      : await call(() => locals.api.api.v1.me.addresses.$post({ json: { ...fields, isDefault } }));
    if (!result.ok) {
      redirectIfSignedOut(result.failure, url);
      return refuse(result.failure.status, addressFailureErrors(result.failure));
    }
    // An edit asked to become the default too: one more call, after the edit is safe.
    if (values.addressId && isDefault && !result.data.isDefault) {
      await call(() =>
        locals.api.api.v1.me.addresses[':addressId'].default.$post({ param: { addressId: values.addressId } }),
      );
    }
    redirect(303, '/tai-khoan/dia-chi?ok=saved');
  },

  setDefault: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const { addressId } = formText(await request.formData(), ['addressId']);
    const result = await call(() =>
      locals.api.api.v1.me.addresses[':addressId'].default.$post({ param: { addressId } }),
    );
    if (!result.ok) {
      redirectIfSignedOut(result.failure, url);
      return fail(result.failure.status, { listError: addressFailureErrors(result.failure).form });
    }
    redirect(303, '/tai-khoan/dia-chi?ok=default');
  },

  delete: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const { addressId } = formText(await request.formData(), ['addressId']);
    const result = await call(() => locals.api.api.v1.me.addresses[':addressId'].$delete({ param: { addressId } }));
    if (!result.ok) {
      redirectIfSignedOut(result.failure, url);
      return fail(result.failure.status, { listError: addressFailureErrors(result.failure).form });
    }
    redirect(303, '/tai-khoan/dia-chi?ok=deleted');
  },
} satisfies Actions;
