// The address book's form: reading it, checking it with the contract's schema, and the commune
// picker's server side (a search when the page runs without JavaScript, and what to show again
// after a refusal). Pages call the API through `locals.api` only.
import { AddressCreateSchema, type CommuneHit, MAX_ADDRESSES } from '@nongsan/contracts';
import type { Message } from '../i18n/index.ts';
import type { Api } from './api.ts';
import { call } from './api.ts';
import { formErrorsFor } from './failures.ts';
import { checkForm, type FormErrors, formText } from './form.ts';

export const ADDRESS_FIELDS = [
  'addressId',
  'label',
  'recipientName',
  'phone',
  'communeQuery',
  'communeCode',
  'street',
  'isDefault',
] as const;
export type AddressFormValues = Record<(typeof ADDRESS_FIELDS)[number], string>;

/** A commune as the picker lists it. */
export type CommuneOption = {
  code: string;
  name: string;
  provinceName: string;
  former: { name: string; isWhole: boolean } | null;
};

export const COMMUNE_OPTION_LIMIT = 8;

export function toCommuneOption(hit: Omit<CommuneHit, 'matchedFormer'> & Partial<Pick<CommuneHit, 'matchedFormer'>>) {
  return {
    code: hit.code,
    name: hit.name,
    provinceName: hit.province.name,
    former: hit.matchedFormer ?? null,
  } satisfies CommuneOption;
}

export function readAddressForm(form: FormData): AddressFormValues {
  return formText(form, ADDRESS_FIELDS);
}

/** The units a typed name may mean ([] when nothing is typed or the API cannot be reached). */
export async function findCommuneOptions(api: Api, q: string): Promise<CommuneOption[]> {
  if (q === '') return [];
  const result = await call(() => api.api.v1.communes.$get({ query: { q, limit: String(COMMUNE_OPTION_LIMIT) } }));
  return result.ok ? result.data.communes.map(toCommuneOption) : [];
}

/** The commune already chosen, to show it checked again after a refusal. */
export async function findChosenCommune(api: Api, code: string): Promise<CommuneOption | null> {
  if (!/^\d{5}$/.test(code)) return null;
  const result = await call(() => api.api.v1.communes[':code'].$get({ param: { code } }));
  return result.ok ? toCommuneOption(result.data) : null;
}

/** What the picker lists after a search or a refusal: the chosen unit first, then what the words find. */
export async function pickerOptions(api: Api, query: string, chosenCode: string): Promise<CommuneOption[]> {
  const [chosen, found] = await Promise.all([findChosenCommune(api, chosenCode), findCommuneOptions(api, query)]);
  return chosen ? [chosen, ...found.filter((o) => o.code !== chosen.code)] : found;
}

const FIELD_MESSAGES = {
  phone: { key: 'err.phone' },
  communeCode: { required: { key: 'commune.pick' }, invalid: { key: 'commune.unknown' } },
} as const;

/** The form checked the way the API will check it; `isDefault` is a checkbox. */
export function checkAddressForm(values: AddressFormValues) {
  const { label, recipientName, phone, communeCode, street } = values;
  const checked = checkForm(
    AddressCreateSchema.omit({ isDefault: true }),
    { label, recipientName, phone, communeCode, street },
    FIELD_MESSAGES,
  );
  if (!checked.ok) return checked;
  return { ok: true as const, data: { ...checked.data, isDefault: values.isDefault === 'on' } };
}

/** The API's refusal as form errors: a full book, an unknown commune, a field it did not take. */
export function addressFailureErrors(failure: Parameters<typeof formErrorsFor>[0]): FormErrors {
  if (failure.code === 'CONFLICT') {
    const full: Message = { key: 'address.full', params: { n: MAX_ADDRESSES } };
    return { form: full, fields: {} };
  }
  if (failure.code === 'NOT_FOUND') return { form: { key: 'address.gone' }, fields: {} };
  return formErrorsFor(failure, { phone: 'err.phone', communeCode: 'commune.unknown' });
}
