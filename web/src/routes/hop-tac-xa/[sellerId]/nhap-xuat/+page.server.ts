import { MAX_STOCK_CSV_BYTES, type StockImportIssue, type StockImportResult } from '@nongsan/contracts';
import { fail } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { requireCoop } from '$lib/server/coop.ts';
import { messageFor } from '$lib/server/failures.ts';
import { formText, redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'worker');
  // The downloads are the API's own CSV answers, on this origin through the /api/v1 proxy: the
  // session cookie signs them in, and the file arrives as the API made it (BOM, CRLF, quoting).
  const base = `/api/v1/cooperatives/${encodeURIComponent(coop.sellerId)}/stock.csv`;
  return { exportUrl: base, exportSemicolonUrl: `${base}?separator=semicolon` };
};

/** A problem the API found in an applied file: the row (null: the file itself) and what is wrong. */
type ApplyIssue = StockImportIssue & { row: number | null };

type ImportFailure = { stage: 'error'; message: Message; issues: ApplyIssue[] };

function refuse(status: number, message: Message, issues: ApplyIssue[] = []) {
  return fail(status, { stage: 'error', message, issues } satisfies ImportFailure);
}

function isApplyIssue(value: unknown): value is ApplyIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.messageVi === 'string';
}

function refuseFailure(event: RequestEvent, failure: ApiFailure) {
  redirectIfSignedOut(failure, event.url);
  if (failure.code === 'PAYLOAD_TOO_LARGE') return refuse(413, { key: 'coop.csv.errTooLarge' });
  if (failure.code === 'CONFLICT') return refuse(409, { key: 'coop.csv.errConflict' });
  if (failure.code === 'VALIDATION_FAILED') {
    const details: unknown[] = Array.isArray(failure.details) ? failure.details : [];
    const issues = details.filter(isApplyIssue).map((d) => ({
      row: typeof d.row === 'number' ? d.row : null,
      column: typeof d.column === 'string' ? d.column : null,
      code: d.code,
      message: d.message,
      messageVi: d.messageVi,
    }));
    // An empty or unreadable file has no rows to point at.
    if (issues.length === 0) return refuse(422, { key: 'coop.csv.errUnreadable' });
    return refuse(422, { key: 'coop.csv.errApply' }, issues);
  }
  return refuse(failure.status, messageFor(failure));
}

/** Sends the file's bytes as they are, as the body, to preview or apply it. */
async function sendFile(event: RequestEvent, bytes: Uint8Array<ArrayBuffer>, mode: 'preview' | 'apply') {
  return call(() =>
    event.locals.api.api.v1.cooperatives[':sellerId']['stock.csv'].$post(
      { param: { sellerId: event.params.sellerId }, query: { mode } },
      { headers: { 'content-type': 'text/csv' }, init: { body: bytes } },
    ),
  );
}

async function readForm(event: RequestEvent): Promise<FormData> {
  requireSignedIn(event);
  return event.request.formData();
}

type PreviewAnswer = {
  stage: 'preview';
  result: StockImportResult;
  /**
   * The file itself, carried to the "Áp dụng" form in a hidden field, so applying works without
   * JavaScript and without the server keeping anything between the two posts. Apply checks every
   * row again under locks, so a file changed in between is judged afresh.
   */
  file: { name: string; base64: string };
};

export const actions = {
  /** Step 1: what every row would do; nothing is written. */
  preview: async (event) => {
    const form = await readForm(event);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return refuse(422, { key: 'coop.csv.errNoFile' });
    if (file.size > MAX_STOCK_CSV_BYTES) return refuse(413, { key: 'coop.csv.errTooLarge' });
    // An Excel workbook is a zip, not text: say how to save it as CSV rather than show garbage rows.
    if (/\.(xlsx|xls|ods)$/i.test(file.name)) return refuse(415, { key: 'coop.csv.errType' });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await sendFile(event, bytes, 'preview');
    if (!result.ok) return refuseFailure(event, result.failure);
    return {
      stage: 'preview',
      result: result.data,
      file: { name: file.name.slice(0, 200), base64: Buffer.from(bytes).toString('base64') },
    } satisfies PreviewAnswer;
  },

  /** Step 2: the same file again, applied: every row or none. */
  apply: async (event) => {
    const form = await readForm(event);
    const { fileBase64: base64, fileName } = formText(form, ['fileBase64', 'fileName']);
    // Base64 is 4 characters per 3 bytes: anything longer than a 2 MB file's is refused unread.
    if (!base64 || base64.length > Math.ceil(MAX_STOCK_CSV_BYTES / 3) * 4 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) {
      return refuse(422, { key: 'coop.csv.errLost' });
    }
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
    const result = await sendFile(event, bytes, 'apply');
    if (!result.ok) return refuseFailure(event, result.failure);
    return { stage: 'applied' as const, result: result.data, fileName: fileName.slice(0, 200) };
  },
} satisfies Actions;
