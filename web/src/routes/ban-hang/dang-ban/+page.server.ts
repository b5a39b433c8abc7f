import { ListingCreateSchema } from '@nongsan/contracts';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { DROP_FIELD, PHOTO_FIELD, type PhotoRef, parsePhotoRef, refOf } from '$lib/photos/photo-ref.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { type FormErrors, formErrorsFor, messageFor } from '$lib/server/failures.ts';
import {
  checkForm,
  type FieldMessages,
  formText,
  redirectIfSignedOut,
  requireSignedIn,
  wholeNumber,
} from '$lib/server/form.ts';
import { addDays, parseCalendarDate, textOf, todayInVietnam } from '$lib/server/form-values.ts';
import { chooseSeller, writableSellers } from '$lib/server/sellers.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

/** Photos per listing on this form (the API takes up to 10; 8 keep the form and the page light). */
const MAX_LISTING_PHOTOS = 8;
/** The field of the file inputs, used only by the form post without JavaScript. */
const FILE_FIELD = 'photos';
const CERT_FIELD = 'certification';

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const sellers = writableSellers(me);
  // Nobody to list for yet: the first step is a seller profile.
  if (sellers.length === 0) redirect(303, '/ban-hang/dang-ky');
  const [categories, units, ...certifications] = await Promise.all([
    call(() => locals.api.api.v1.categories.$get()),
    call(() => locals.api.api.v1.units.$get()),
    ...sellers.map((s) =>
      call(() => locals.api.api.v1.sellers[':sellerId'].certifications.$get({ param: { sellerId: s.sellerId } })),
    ),
  ]);
  if (!categories.ok || !units.ok) error(503, { message: 'the catalogue is unavailable' });
  const today = todayInVietnam();
  return {
    sellers,
    sellerId: chooseSeller(sellers, url.searchParams.get('sellerId'))?.sellerId ?? null,
    categories: categories.data.categories,
    units: units.data.units,
    today,
    tomorrow: addDays(today, 1),
    maxPhotos: MAX_LISTING_PHOTOS,
    // Certificates still valid, to attach to the listing (a badge shows once an operator verified
    // it). Without them the form still works: the seller can attach them later.
    certifications: certifications
      .flatMap((result) => (result.ok ? result.data.certifications : []))
      .filter((c) => c.validTo >= today)
      .map(({ id, sellerId, type, stars, isVerified }) => ({ id, sellerId, type, stars, isVerified })),
  };
};

const TEXT_FIELDS = [
  'sellerId',
  'title',
  'category',
  'unit',
  'priceVnd',
  'stock',
  'mode',
  'harvestedAt',
  'availableFrom',
  'shelfLifeDays',
  'minOrder',
  'description',
] as const;
type ListingForm = Record<(typeof TEXT_FIELDS)[number], string>;

function readValues(form: FormData): ListingForm {
  return formText(form, TEXT_FIELDS);
}

/**
 * The certificates ticked for the chosen seller. Each box's value is `sellerId|certificationId`:
 * with several seller profiles the form shows the certificates of all of them (without JavaScript
 * it cannot hide the others), and only the chosen seller's count. The API checks ownership again.
 */
function chosenCertifications(form: FormData, sellerId: string): string[] {
  return form.getAll(CERT_FIELD).flatMap((value) => {
    if (typeof value !== 'string') return [];
    const [owner, certificationId] = value.split('|');
    return owner === sellerId && certificationId ? [certificationId] : [];
  });
}

/** Files chosen in the form post without JavaScript (with it, photos arrive already uploaded). */
function chosenFiles(form: FormData): File[] {
  return form.getAll(FILE_FIELD).filter((v): v is File => typeof v !== 'string' && v.size > 0);
}

type Failure = { values: ListingForm | null; photos: PhotoRef[]; certifications: string[]; errors: FormErrors };

/** One shape for every failure, so the page reads `form.errors.fields.x` without narrowing. */
function failWith(status: number, body: Failure) {
  return fail(status, body);
}

function photoMessage(failure: ApiFailure): Message {
  switch (failure.code) {
    case 'PAYLOAD_TOO_LARGE':
      return { key: 'photos.errTooLarge' };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { key: 'photos.errFormat' };
    case 'VALIDATION_FAILED':
      return { key: 'photos.errPixels' };
    default:
      return messageFor(failure);
  }
}

/**
 * The listing form as the contract's new listing, amounts typed the Vietnamese way. Dates depend
 * on the mode (harvested, or a pre-order's first day) and on today, so they are checked after.
 */
const ListingForm = ListingCreateSchema.pick({ title: true, category: true, unit: true, description: true }).extend({
  priceVnd: wholeNumber(ListingCreateSchema.shape.priceVnd),
  stock: wholeNumber(ListingCreateSchema.shape.stock),
  minOrder: wholeNumber(ListingCreateSchema.shape.minOrder),
  shelfLifeDays: wholeNumber(ListingCreateSchema.shape.shelfLifeDays),
});

const QUANTITY: Message = { key: 'listingForm.errQuantity' };
const LISTING_MESSAGES = {
  category: { key: 'listingForm.errCategory' },
  unit: { key: 'listingForm.errUnit' },
  priceVnd: { invalid: { key: 'listingForm.errPrice' } },
  stock: QUANTITY,
  minOrder: QUANTITY,
  shelfLifeDays: { key: 'listingForm.errShelfLife' },
} satisfies FieldMessages;

/** Checks what the person typed before asking the API, so each message names its field. */
function checkValues(values: ListingForm, intent: 'publish' | 'draft', today: string) {
  const { title, category, unit, description, priceVnd, stock, minOrder, shelfLifeDays } = values;
  const checked = checkForm(
    ListingForm,
    { title, category, unit, description, priceVnd, stock, minOrder, shelfLifeDays },
    LISTING_MESSAGES,
  );
  const fields: Record<string, Message> = checked.ok ? {} : { ...checked.errors.fields };

  const isPreorder = values.mode === 'preorder';
  let harvestedAt: string | undefined;
  let availableFrom: string | undefined;
  if (isPreorder) {
    availableFrom = parseCalendarDate(values.availableFrom) ?? undefined;
    if (!values.availableFrom) fields.availableFrom = { key: 'err.required' };
    else if (!availableFrom) fields.availableFrom = { key: 'listingForm.errDate' };
  } else if (values.harvestedAt) {
    harvestedAt = parseCalendarDate(values.harvestedAt) ?? undefined;
    if (!harvestedAt) fields.harvestedAt = { key: 'listingForm.errDate' };
    else if (harvestedAt > today) fields.harvestedAt = { key: 'listingForm.errHarvestFuture' };
  }
  // Goods on sale now need a quantity: published without one, a listing would show "Hết hàng" at
  // once. A draft may wait for it, and a pre-order has no stock yet.
  const stockMissing = !fields.stock && (checked.ok ? !checked.data.stock : !values.stock);
  if (intent === 'publish' && !isPreorder && stockMissing) fields.stock = { key: 'listingForm.errStockToPublish' };
  return { fields, listing: checked.ok ? checked.data : null, harvestedAt, availableFrom };
}

export const actions = {
  default: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    let form: FormData;
    try {
      form = await request.formData();
    } catch (cause) {
      // Without JavaScript, photos are sent at full size; past the storefront's body limit the form
      // cannot even be read. Say what to do instead of showing a bare error page.
      if (isTooLarge(cause)) {
        return failWith(413, {
          values: null,
          photos: [],
          certifications: [],
          errors: { form: { key: 'listingForm.errBodyTooLarge' }, fields: {} },
        });
      }
      throw cause;
    }
    const values = readValues(form);
    const intent = textOf(form, 'intent') === 'publish' ? 'publish' : 'draft';
    const dropped = new Set(form.getAll(DROP_FIELD));
    const photos = form
      .getAll(PHOTO_FIELD)
      .flatMap((v) => (typeof v === 'string' ? [parsePhotoRef(v)].filter((r) => r !== null) : []))
      .filter((ref) => !dropped.has(ref.mediaId));
    const certificationIds = chosenCertifications(form, values.sellerId);
    const failed = (status: number, errors: FormErrors) =>
      failWith(status, { values, photos, certifications: certificationIds, errors });

    const files = chosenFiles(form);
    if (photos.length + files.length > MAX_LISTING_PHOTOS) {
      return failed(422, {
        form: { key: 'err.form' },
        fields: { photos: { key: 'photos.errTooMany', params: { max: MAX_LISTING_PHOTOS } } },
      });
    }

    // The form post without JavaScript: the photos go to the API from here, one by one. Those that
    // were stored stay with the form (as hidden fields) if anything else is wrong.
    let photoError: Message | null = null;
    for (const file of files) {
      const uploaded = await call(() => locals.api.api.v1.media.$post({ form: { file } }));
      if (uploaded.ok) photos.push(refOf(uploaded.data));
      else {
        redirectIfSignedOut(uploaded.failure, url);
        photoError ??= photoMessage(uploaded.failure);
      }
    }

    const checked = checkValues(values, intent, todayInVietnam());
    if (photoError) checked.fields.photos = photoError;
    if (Object.keys(checked.fields).length > 0 || !checked.listing) {
      return failed(422, { form: { key: 'err.form' }, fields: checked.fields });
    }
    const { listing: typed } = checked;

    const result = await call(() =>
      locals.api.api.v1.listings.$post({
        json: {
          sellerId: values.sellerId,
          ...typed,
          status: intent === 'publish' ? 'active' : 'draft',
          harvestedAt: checked.harvestedAt,
          availableFrom: checked.availableFrom,
          mediaIds: photos.map((p) => p.mediaId),
          certificationIds,
        },
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, url);
      // The seller is not one this person writes for (any more): the API says 404.
      if (failure.code === 'NOT_FOUND') return failed(404, { form: { key: 'listingForm.errSeller' }, fields: {} });
      const errors = formErrorsFor(failure, {
        category: 'listingForm.errCategory',
        unit: 'listingForm.errUnit',
        priceVnd: 'listingForm.errPrice',
        harvestedAt: 'listingForm.errDate',
        availableFrom: 'listingForm.errDate',
        sellerId: 'listingForm.errSeller',
        certificationIds: 'listingForm.errCertification',
      });
      // Issues on `mediaIds.N` (a photo the API no longer has) belong next to the photos.
      const mediaIssue = errors.fields.mediaIds;
      if (mediaIssue) {
        delete errors.fields.mediaIds;
        errors.fields.photos = { key: 'photos.errMissing' };
      }
      // "Too big" on the harvest date means "in the future", not "too long".
      if (errors.fields.harvestedAt?.key === 'err.tooLong') {
        errors.fields.harvestedAt = { key: 'listingForm.errHarvestFuture' };
      }
      return failed(failure.status, errors);
    }
    const listing = result.data;
    redirect(
      303,
      `/ban-hang/san-pham?sellerId=${encodeURIComponent(listing.seller.id)}&saved=${encodeURIComponent(listing.id)}`,
    );
  },
} satisfies Actions;

function isTooLarge(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { status?: unknown }).status === 413;
}
