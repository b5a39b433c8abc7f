import { SellerCreateSchema } from '@nongsan/contracts';
import { PROVINCES } from '@nongsan/vn/provinces';
import { fail, redirect } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import { type FormErrors, formErrorsFor } from '$lib/server/failures.ts';
import { checkForm, formText, invalid, redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

// Sorted the Vietnamese way for the picker (Đ after D, tones ignored for order).
const PROVINCE_OPTIONS = [...PROVINCES]
  .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  .map(({ id, name, former }) => ({ id, name, former: [...former] }));

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  return {
    provinces: PROVINCE_OPTIONS,
    existing: me.sellers.map((s) => ({ name: s.name, kind: s.kind, role: s.role })),
    hasFarm: me.sellers.some((s) => s.kind === 'farmer' && s.role === 'owner'),
  };
};

const FIELDS = ['kind', 'name', 'province', 'commune', 'bio', 'pickupAddress', 'pickupHours'] as const;

// The contract's own schema for a new seller: every field is checked the way the API will, and
// every mistake shows at once, next to its field.
const FIELD_MESSAGES = { province: { key: 'err.province' }, kind: { key: 'err.kind' } } as const;

export const actions = {
  default: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const values = formText(await request.formData(), FIELDS);
    const failed = (status: number, errors: FormErrors) => fail(status, { values, errors });

    const checked = checkForm(SellerCreateSchema, values, FIELD_MESSAGES);
    if (!checked.ok) return invalid(values, checked.errors);
    const result = await call(() => locals.api.api.v1.sellers.$post({ json: checked.data }));
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, url);
      if (failure.code === 'CONFLICT' && values.kind === 'farmer') {
        return failed(409, { form: { key: 'err.form' }, fields: { kind: { key: 'err.farmerExists' } } });
      }
      return failed(failure.status, formErrorsFor(failure, { province: 'err.province', kind: 'err.kind' }));
    }
    redirect(303, `/tai-khoan?created=${encodeURIComponent(result.data.id)}`);
  },
} satisfies Actions;
