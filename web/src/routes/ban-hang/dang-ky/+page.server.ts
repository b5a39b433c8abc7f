import { PROVINCES } from '@nongsan/vn/provinces';
import { fail, redirect } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import { type FormErrors, formErrorsFor } from '$lib/server/failures.ts';
import { redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
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

const TEXT_FIELDS = ['name', 'province', 'commune', 'bio', 'pickupAddress', 'pickupHours'] as const;
type SellerForm = Record<(typeof TEXT_FIELDS)[number], string> & { kind: string };

function readForm(form: FormData): SellerForm {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    kind: text('kind'),
    name: text('name'),
    province: text('province'),
    commune: text('commune'),
    bio: text('bio'),
    pickupAddress: text('pickupAddress'),
    pickupHours: text('pickupHours'),
  };
}

export const actions = {
  default: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const values = readForm(await request.formData());
    const failed = (status: number, errors: FormErrors) => fail(status, { values, errors });

    if (values.kind !== 'farmer' && values.kind !== 'cooperative') {
      // The API would say the same; checked here so the other fields are still sent back.
      return failed(422, { form: { key: 'err.form' }, fields: { kind: { key: 'err.kind' } } });
    }

    const optional = (value: string) => (value ? value : undefined);
    const result = await call(() =>
      locals.api.api.v1.sellers.$post({
        json: {
          kind: values.kind as 'farmer' | 'cooperative',
          name: values.name,
          province: values.province,
          commune: optional(values.commune),
          bio: optional(values.bio),
          pickupAddress: optional(values.pickupAddress),
          pickupHours: optional(values.pickupHours),
        },
      }),
    );
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
