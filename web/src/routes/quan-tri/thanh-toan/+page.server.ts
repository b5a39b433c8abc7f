import { BankTransferReceivedSchema, IdSchema, PayoutCreateSchema, RefundCompleteSchema } from '@nongsan/contracts';
import { formatVnd } from '@nongsan/vn/money';
import { error, fail } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { messageFor } from '$lib/server/failures.ts';
import {
  checkForm,
  type FieldMessages,
  firstError,
  formText,
  redirectIfSignedOut,
  requireSignedIn,
  wholeNumber,
} from '$lib/server/form.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The operator's payments desk: bank transfers to the marketplace's account (marked received one
// by one, or from an imported statement), bank-transfer refunds to send back, and payouts to
// sellers. Operators only (ADMIN_PHONES; /me says isOperator): for anyone else the page does not
// exist, as the API's operator routes do not.

/** Bank statements above this are refused before upload (the API's own limit is the same). */
const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;

function unavailable(failure: ApiFailure, url: URL): never {
  redirectIfSignedOut(failure, url);
  if (failure.code === 'NOT_FOUND' || failure.code === 'FORBIDDEN') error(404, { message: 'not found' });
  error(failure.status >= 500 || failure.code === 'NETWORK' ? 503 : 500, { message: 'payments unavailable' });
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  if (!me.isOperator) error(404, { message: 'not found' });
  const [transfers, pendingRefunds, failedRefunds, owed] = await Promise.all([
    call(() => locals.api.api.v1.payments.transfers.$get({ query: { status: 'awaiting', perPage: '100' } })),
    call(() => locals.api.api.v1.refunds.$get({ query: { status: 'pending', perPage: '100' } })),
    call(() => locals.api.api.v1.refunds.$get({ query: { status: 'failed', perPage: '100' } })),
    call(() => locals.api.api.v1.payouts.owed.$get()),
  ]);
  if (!transfers.ok) unavailable(transfers.failure, url);
  if (!pendingRefunds.ok) unavailable(pendingRefunds.failure, url);
  if (!failedRefunds.ok) unavailable(failedRefunds.failure, url);
  if (!owed.ok) unavailable(owed.failure, url);
  return {
    // Oldest first: the nearest deadline is the most urgent.
    awaiting: [...transfers.data.transfers].reverse(),
    // A person sends these back: bank-transfer refunds, and card refunds Stripe refused. A pending
    // card refund is on its way through Stripe by itself.
    refunds: [
      ...pendingRefunds.data.refunds.filter((r) => r.method === 'bank_transfer'),
      ...failedRefunds.data.refunds,
    ],
    owed: owed.data.sellers,
    // The API's CSV, on this origin through the /api/v1 proxy: the session cookie signs it in.
    reportUrl: '/api/v1/payouts/report.csv',
  };
};

/** What each small form answers, shown next to the thing it was about. */
type Answer = { section: 'received' | 'refund' | 'payout'; id: string; ok: boolean; message: Message };

function answer(section: Answer['section'], id: string, ok: boolean, message: Message): Answer {
  return { section, id, ok, message };
}

// The operators' small forms, as the contracts' request bodies (amounts typed the Vietnamese way).
const AMOUNT: Message = { key: 'payments.admin.errAmount' };
const REFERENCE: Message = { key: 'payments.admin.errReference' };

const ReceivedForm = BankTransferReceivedSchema.extend({
  orderId: IdSchema,
  amountVnd: wholeNumber(BankTransferReceivedSchema.shape.amountVnd),
});
const RECEIVED_MESSAGES = { orderId: { key: 'err.invalid' }, amountVnd: AMOUNT } satisfies FieldMessages;

const RefundForm = RefundCompleteSchema.extend({ refundId: IdSchema });
const REFUND_MESSAGES = { refundId: { key: 'err.invalid' }, reference: REFERENCE } satisfies FieldMessages;

const PayoutForm = PayoutCreateSchema.extend({ amountVnd: wholeNumber(PayoutCreateSchema.shape.amountVnd) });
const PAYOUT_MESSAGES = {
  sellerId: { key: 'payments.admin.errSeller' },
  amountVnd: AMOUNT,
  reference: REFERENCE,
} satisfies FieldMessages;

async function readForm(event: RequestEvent): Promise<FormData> {
  requireSignedIn(event);
  return event.request.formData();
}

/** A failure of an operator call: not an operator is 404 (the page does not exist for them). */
function refusal(event: RequestEvent, failure: ApiFailure): Message {
  redirectIfSignedOut(failure, event.url);
  if (failure.code === 'FORBIDDEN') error(404, { message: 'not found' });
  return messageFor(failure);
}

type StatementAnswer =
  | { section: 'statement'; stage: 'error'; message: Message }
  | {
      section: 'statement';
      stage: 'preview';
      result: StatementResult;
      /**
       * The file itself, carried to the "Áp dụng" form in a hidden field, so applying works
       * without JavaScript and without the server keeping anything between the two posts. The
       * API matches the file again when applying.
       */
      file: { name: string; base64: string };
    }
  | { section: 'statement'; stage: 'applied'; result: StatementResult; fileName: string };

type StatementResult =
  Awaited<ReturnType<typeof sendStatement>> extends infer R
    ? R extends { ok: true; data: infer D }
      ? D
      : never
    : never;

function statementError(status: number, message: Message) {
  return fail(status, { section: 'statement', stage: 'error', message } satisfies StatementAnswer);
}

/** The statement as the multipart field `file`, its bytes as they came (the API reads encodings). */
function sendStatement(event: RequestEvent, file: File, mode: 'preview' | 'apply') {
  return call(() => event.locals.api.api.v1.payments['bank-statements'].$post({ query: { mode }, form: { file } }));
}

function statementFailure(event: RequestEvent, failure: ApiFailure) {
  redirectIfSignedOut(failure, event.url);
  if (failure.code === 'FORBIDDEN' || failure.code === 'NOT_FOUND') error(404, { message: 'not found' });
  if (failure.code === 'PAYLOAD_TOO_LARGE') return statementError(413, { key: 'payments.admin.errTooLarge' });
  if (failure.code === 'UNSUPPORTED_MEDIA_TYPE') return statementError(415, { key: 'payments.admin.errType' });
  if (failure.code === 'VALIDATION_FAILED') {
    // Issues on rows: applying found a credit that does not settle its order (nothing written);
    // an issue on the file: it could not be read at all.
    const onRows =
      Array.isArray(failure.details) &&
      failure.details.some((d: { path?: unknown }) => typeof d?.path === 'string' && d.path.startsWith('row.'));
    return statementError(422, { key: onRows ? 'payments.admin.errApply' : 'payments.admin.errUnreadable' });
  }
  // An order paid meanwhile, or the same file being imported by someone else: nothing written.
  if (failure.code === 'CONFLICT') return statementError(409, { key: 'payments.admin.errChanged' });
  return statementError(failure.status, messageFor(failure));
}

export const actions = {
  /** "Đã nhận tiền": a transfer seen on the account, recorded for one order (amount editable). */
  received: async (event) => {
    const typed = formText(await readForm(event), ['orderId', 'amountVnd', 'note']);
    const { orderId } = typed;
    const checked = checkForm(ReceivedForm, { ...typed, note: typed.note.slice(0, 500) }, RECEIVED_MESSAGES);
    if (!checked.ok) return fail(422, answer('received', orderId, false, firstError(checked.errors)));
    const { amountVnd, note } = checked.data;
    const result = await call(() =>
      event.locals.api.api.v1.orders[':orderId'].payment.received.$post({
        param: { orderId },
        json: { amountVnd, ...(note ? { note } : {}) },
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      const message: Message =
        failure.code === 'NOT_FOUND' || failure.code === 'INVALID_TRANSITION' || failure.code === 'CONFLICT'
          ? { key: 'payments.admin.errGone' }
          : failure.code === 'VALIDATION_FAILED'
            ? { key: 'payments.admin.errAmount' }
            : refusal(event, failure);
      return fail(failure.status, answer('received', orderId, false, message));
    }
    const { order } = result.data;
    const params = { amount: formatVnd(amountVnd), code: order.code };
    return answer(
      'received',
      orderId,
      true,
      order.payment.flagged
        ? { key: 'payments.admin.receivedFlagged', params }
        : { key: 'payments.admin.receivedDone', params },
    );
  },

  /** Step 1 of a statement import: what every row would do; nothing is written. */
  preview: async (event) => {
    const form = await readForm(event);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return statementError(422, { key: 'payments.admin.errNoFile' });
    if (file.size > MAX_STATEMENT_BYTES) return statementError(413, { key: 'payments.admin.errTooLarge' });
    // An Excel workbook is a zip, not text: say how to save it as CSV rather than show nonsense.
    if (/\.(xlsx|xls|ods)$/i.test(file.name)) return statementError(415, { key: 'payments.admin.errType' });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await sendStatement(event, file, 'preview');
    if (!result.ok) return statementFailure(event, result.failure);
    return {
      section: 'statement',
      stage: 'preview',
      result: result.data,
      file: { name: file.name.slice(0, 200), base64: Buffer.from(bytes).toString('base64') },
    } satisfies StatementAnswer;
  },

  /** Step 2: the same file again, applied: every matched row or none. */
  apply: async (event) => {
    const form = await readForm(event);
    const { fileBase64: base64, fileName } = formText(form, ['fileBase64', 'fileName']);
    // Base64 is 4 characters per 3 bytes: anything longer than the largest file is refused unread.
    if (!base64 || base64.length > Math.ceil(MAX_STATEMENT_BYTES / 3) * 4 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) {
      return statementError(422, { key: 'payments.admin.errLost' });
    }
    const name = fileName.slice(0, 200) || 'statement.csv';
    const file = new File([new Uint8Array(Buffer.from(base64, 'base64'))], name, { type: 'text/csv' });
    const result = await sendStatement(event, file, 'apply');
    if (!result.ok) return statementFailure(event, result.failure);
    return {
      section: 'statement',
      stage: 'applied',
      result: result.data,
      fileName: name,
    } satisfies StatementAnswer;
  },

  /** A bank-transfer refund sent back from the marketplace's account, with the bank's reference. */
  refund: async (event) => {
    const form = await readForm(event);
    const typed = formText(form, ['refundId', 'reference', 'amountVnd', 'orderCode']);
    const { refundId } = typed;
    const checked = checkForm(RefundForm, { refundId, reference: typed.reference.slice(0, 100) }, REFUND_MESSAGES);
    if (!checked.ok) return fail(422, answer('refund', refundId, false, firstError(checked.errors)));
    const { reference } = checked.data;
    const result = await call(() =>
      event.locals.api.api.v1.refunds[':refundId'].complete.$post({ param: { refundId }, json: { reference } }),
    );
    if (!result.ok) {
      const { failure } = result;
      const message: Message =
        failure.code === 'VALIDATION_FAILED' ? { key: 'payments.admin.errReference' } : refusal(event, failure);
      return fail(failure.status, answer('refund', refundId, false, message));
    }
    // The amount and order code come with the form for the answer only (display, not sent on).
    return answer('refund', refundId, true, {
      key: 'payments.admin.refundDone',
      params: { amount: formatVnd(Number(typed.amountVnd) || 0), code: typed.orderCode },
    });
  },

  /**
   * "Ghi nhận đã chuyển": a payout sent to a seller in the bank batch. One small form per seller
   * on the page, so the seller's name for the answer comes with it (display only).
   */
  payout: async (event) => {
    const typed = formText(await readForm(event), ['sellerId', 'amountVnd', 'reference', 'sellerName']);
    const { sellerId } = typed;
    const checked = checkForm(
      PayoutForm,
      { sellerId, amountVnd: typed.amountVnd, reference: typed.reference.slice(0, 100) },
      PAYOUT_MESSAGES,
    );
    if (!checked.ok) return fail(422, answer('payout', sellerId, false, firstError(checked.errors)));
    const { amountVnd, reference } = checked.data;
    const result = await call(() =>
      event.locals.api.api.v1.payouts.$post({ json: { sellerId, amountVnd, reference } }),
    );
    if (!result.ok) {
      const { failure } = result;
      const message: Message =
        failure.code === 'CONFLICT'
          ? { key: 'payments.admin.errOverOwed' }
          : failure.code === 'NOT_FOUND'
            ? { key: 'payments.admin.errSeller' }
            : refusal(event, failure);
      return fail(failure.status, answer('payout', sellerId, false, message));
    }
    return answer('payout', sellerId, true, {
      key: 'payments.admin.payoutDone',
      params: { amount: formatVnd(amountVnd), seller: typed.sellerName.slice(0, 200) || sellerId },
    });
  },
} satisfies Actions;
