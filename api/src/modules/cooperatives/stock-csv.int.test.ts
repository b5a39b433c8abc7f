import { readSpreadsheetCsv } from '@nongsan/vn/csv';
import { encodeUtf16WithBom, encodeWindows1258 } from '@nongsan/vn/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createListing } from '../../../test/listing-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';
import { addDays, vnDate } from '../../lib/dates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const day = (n: number) => addDays(vnDate(t.clock.now()), n);

async function coopWithStock() {
  const coop = await createCoop(t);
  const tea = await createListing(t, coop.manager.token, coop.sellerId, {
    status: 'active',
    title: 'Chè Tân Cương "đặc biệt", loại 1',
  });
  const lot = await t.call('POST', `/api/v1/listings/${tea.id}/lots`, {
    token: coop.staff.token,
    json: { quantity: 30, harvestedAt: day(-1), expiresAt: day(20), memberId: coop.noPhoneMemberId },
  });
  return { coop, tea, lot: lot.body as { id: string; traceCode: string } };
}

const exportCsv = (coopId: string, token: string | undefined, query = '') =>
  t.app.request(`/api/v1/cooperatives/${coopId}/stock.csv${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const importCsv = (
  coopId: string,
  token: string | undefined,
  body: Uint8Array | string,
  mode = 'preview',
  contentType = 'text/csv',
) =>
  t.call('POST', `/api/v1/cooperatives/${coopId}/stock.csv?mode=${mode}`, {
    token,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    headers: { 'content-type': contentType },
  });

/** Lots, on-hand and ledger rows of a listing, straight from the database. */
async function stockState(listingId: string) {
  return queryRows<{ lots: number; on_hand: number; movements: number }>(
    t.db,
    sql`SELECT (SELECT count(*)::int FROM lots WHERE listing_id = ${listingId}) AS lots,
               (SELECT (coalesce(sum(on_hand_milli), 0) / 1000.0)::float8 FROM lots WHERE listing_id = ${listingId}) AS on_hand,
               (SELECT count(*)::int FROM stock_movements WHERE listing_id = ${listingId}) AS movements`,
  ).then((rows) => rows[0]);
}

const RECEIVE_HEADER = 'listing_id,quantity,member_name,harvested_at,expires_at,row_ref';

describe('GET /cooperatives/:sellerId/stock.csv', () => {
  it('is a CSV file Excel opens with Vietnamese intact: BOM, CRLF, quoted fields, ASCII filename', async () => {
    const { coop, tea, lot } = await coopWithStock();
    const res = await exportCsv(coop.sellerId, coop.staff.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="ton-kho-htx-che-tan-cuong-${day(0)}.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe(
      '"Mã lô (lot_id)","Mã truy xuất (trace_code)","Mã sản phẩm (listing_id)","Sản phẩm (listing_title)",' +
        '"Đơn vị (unit)","Mã thành viên (member_id)","Thành viên (member_name)","Số lượng nhập (quantity)",' +
        '"Tồn kho (on_hand)","Ngày thu hoạch (harvested_at)","Hạn bán (expires_at)","Số phiếu nhập (row_ref)"',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const { records } = readSpreadsheetCsv(bytes);
    expect(records[1]).toEqual([
      lot.id,
      // Upper case, as on the console and the printed label.
      lot.traceCode.toUpperCase(),
      tea.id,
      'Chè Tân Cương "đặc biệt", loại 1',
      'kg',
      coop.noPhoneMemberId,
      'Bà Lê Thị Tám',
      '30',
      '30',
      day(-1),
      day(20),
      '',
    ]);
  });

  it('writes semicolons when asked', async () => {
    const { coop } = await coopWithStock();
    const res = await exportCsv(coop.sellerId, coop.manager.token, '?separator=semicolon');
    // Not the comma file's name: both buttons sit side by side.
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="ton-kho-htx-che-tan-cuong-${day(0)}-cham-phay.csv"`,
    );
    const read = readSpreadsheetCsv(new Uint8Array(await res.arrayBuffer()));
    expect(read.delimiter).toBe(';');
    expect(read.records[1]?.[6]).toBe('Bà Lê Thị Tám');
  });

  it('is 404 for members and other cooperatives, 401 anonymous, 422 for a bad query', async () => {
    const { coop } = await coopWithStock();
    const other = await createCoop(t);
    for (const token of [coop.member.token, other.manager.token]) {
      const res = await exportCsv(coop.sellerId, token);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Tám');
    }
    expect((await exportCsv(coop.sellerId, undefined)).status).toBe(401);
    expect((await exportCsv(coop.sellerId, coop.manager.token, '?separator=tab')).status).toBe(422);
    expect((await exportCsv(coop.sellerId, coop.manager.token, '?format=xlsx')).status).toBe(422);
  });
});

describe('POST /cooperatives/:sellerId/stock.csv', () => {
  it('round-trips: the exported file re-imported changes nothing; an edited count adjusts with reason count', async () => {
    const { coop, tea, lot } = await coopWithStock();
    const exported = new Uint8Array(await (await exportCsv(coop.sellerId, coop.manager.token)).arrayBuffer());
    const before = await stockState(tea.id);
    const same = await importCsv(coop.sellerId, coop.manager.token, exported, 'apply');
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({
      mode: 'apply',
      applied: true,
      encoding: 'utf-8',
      delimiter: ',',
      rows: [{ row: 2, kind: 'count', outcome: 'unchanged', lotId: lot.id, delta: 0, issues: [] }],
      summary: { rows: 1, unchanged: 1, receive: 0, adjust: 0, errors: 0, alreadyApplied: 0 },
    });
    expect(await stockState(tea.id)).toEqual(before);

    // Someone counts 26 on the shelf: the on-hand column is edited and the file imported.
    const text = new TextDecoder().decode(exported).replace(/"30","30"/, '"30","26"');
    const counted = await importCsv(coop.sellerId, coop.staff.token, text, 'apply');
    expect(counted.body.rows[0]).toMatchObject({ outcome: 'adjust', delta: -4 });
    const [movement] = await queryRows<{ kind: string; reason: string; delta: number; author_user_id: string }>(
      t.db,
      sql`SELECT kind, reason, (delta_milli / 1000.0)::float8 AS delta, author_user_id FROM stock_movements
          WHERE lot_id = ${lot.id} AND kind = 'adjustment'`,
    );
    expect(movement).toEqual({ kind: 'adjustment', reason: 'count', delta: -4, author_user_id: coop.staff.userId });
    // A count is idempotent: the same file again changes nothing.
    const again = await importCsv(coop.sellerId, coop.staff.token, text, 'apply');
    expect(again.body.rows[0]).toMatchObject({ outcome: 'unchanged', delta: 0 });
    expect((await stockState(tea.id))?.on_hand).toBe(26);
  });

  it('previews new lots without writing, applies them, and the same file twice does not double the stock', async () => {
    const { coop, tea } = await coopWithStock();
    const file = [
      RECEIVE_HEADER,
      `${tea.id},12,Bà Lê Thị Tám,${day(0)},${day(10)},PN-001`,
      `${tea.id},8,chị lan,,,PN-002`,
    ].join('\r\n');
    const before = await stockState(tea.id);
    const preview = await importCsv(coop.sellerId, coop.manager.token, file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      mode: 'preview',
      applied: false,
      rows: [
        { row: 2, kind: 'receive', outcome: 'receive', rowRef: 'PN-001', listingId: tea.id, delta: 12, issues: [] },
        { row: 3, kind: 'receive', outcome: 'receive', rowRef: 'PN-002', delta: 8, issues: [] },
      ],
      summary: { rows: 2, receive: 2, errors: 0 },
    });
    expect(await stockState(tea.id)).toEqual(before);

    const applied = await importCsv(coop.sellerId, coop.manager.token, file, 'apply');
    expect(applied.body.applied).toBe(true);
    expect(applied.body.rows.map((r: { lotId: string }) => r.lotId)).toEqual([
      expect.stringMatching(/^lot_/),
      expect.stringMatching(/^lot_/),
    ]);
    expect(await stockState(tea.id)).toEqual({ lots: 3, on_hand: 50, movements: 3 });
    const stock = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/stock`, { token: coop.manager.token });
    const lots = stock.body.listings[0].lots;
    expect(lots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          importRef: 'PN-001',
          quantity: 12,
          member: { id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' },
        }),
        expect.objectContaining({
          importRef: 'PN-002',
          quantity: 8,
          member: { id: coop.member.memberId, name: 'Chị Lan' },
        }),
      ]),
    );

    const twice = await importCsv(coop.sellerId, coop.staff.token, file, 'apply');
    expect(twice.status).toBe(200);
    expect(twice.body.summary).toMatchObject({ alreadyApplied: 2, receive: 0 });
    expect(twice.body.rows[0]).toMatchObject({ outcome: 'already_applied', lotId: applied.body.rows[0].lotId });
    expect(await stockState(tea.id)).toEqual({ lots: 3, on_hand: 50, movements: 3 });
  });

  it('two managers applying the same file at once receive its lots once', async () => {
    const { coop, tea } = await coopWithStock();
    const file = [RECEIVE_HEADER, `${tea.id},6,,,,PN-201`, `${tea.id},4,,,,PN-202`].join('\n');
    const [first, second] = await Promise.all([
      importCsv(coop.sellerId, coop.manager.token, file, 'apply'),
      importCsv(coop.sellerId, coop.owner.token, file, 'apply'),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const summaries = [first.body.summary, second.body.summary].map((s) => [s.receive, s.alreadyApplied]).sort();
    expect(summaries).toEqual([
      [0, 2],
      [2, 0],
    ]);
    expect(await stockState(tea.id)).toEqual({ lots: 3, on_hand: 40, movements: 3 });
  });

  it('a file with one bad row applies nothing and names the row, the column and the problem in both languages', async () => {
    const { coop, tea } = await coopWithStock();
    const file = [RECEIVE_HEADER, `${tea.id},5,,,,PN-101`, `${tea.id},năm,,,,PN-102`, `${tea.id},7,,,,PN-103`].join(
      '\n',
    );
    const before = await stockState(tea.id);
    const preview = await importCsv(coop.sellerId, coop.manager.token, file);
    expect(preview.body.rows[1]).toEqual({
      row: 3,
      kind: 'receive',
      outcome: 'error',
      rowRef: 'PN-102',
      listingId: tea.id,
      lotId: null,
      delta: null,
      issues: [
        {
          column: 'quantity',
          code: 'not_a_quantity',
          message: 'quantity must be a number with at most 3 decimals (1,5 or 1.5)',
          messageVi: 'quantity phải là số, tối đa 3 chữ số thập phân (1,5 hoặc 1.5)',
        },
      ],
    });
    expect(preview.body.summary).toMatchObject({ receive: 2, errors: 1 });

    const apply = await importCsv(coop.sellerId, coop.manager.token, file, 'apply');
    expect(apply.status).toBe(422);
    expect(errorCode(apply)).toBe('VALIDATION_FAILED');
    expect(apply.body.error.details).toEqual([
      expect.objectContaining({ row: 3, column: 'quantity', code: 'not_a_quantity' }),
    ]);
    expect(apply.body.error.message).toContain('row 3');
    expect(await stockState(tea.id)).toEqual(before);
    const refs = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM stock_import_refs
      WHERE cooperative_id = ${coop.sellerId}`,
    );
    expect(refs[0]?.n).toBe(0);
  });

  it('checks every reference: listings and lots of this cooperative only, active members, dates, duplicates', async () => {
    const { coop, tea, lot } = await coopWithStock();
    const other = await coopWithStock();
    await t.call('POST', `/api/v1/cooperatives/${coop.sellerId}/members/${coop.member.memberId}/deactivate`, {
      token: coop.manager.token,
    });
    const receiveRows = [
      RECEIVE_HEADER,
      `${other.tea.id},5,,,,R1`,
      `${tea.id},5,Ông Không Có,,,R2`,
      `${tea.id},5,Chị Lan,,,R3`,
      `${tea.id},5,,${day(1)},,R4`,
      `${tea.id},5,,,${day(-1)},R5`,
      `${tea.id},5,,${day(-1)},${day(-2)},R6`,
      `${tea.id},5,,31/02/2026,,R7`,
      `${tea.id},5,,,,R8`,
      `${tea.id},5,,,,R8`,
      `${tea.id},0,,,,R9`,
      `${tea.id},5,,,,`,
    ].join('\n');
    const res = await importCsv(coop.sellerId, coop.manager.token, receiveRows);
    const codes = res.body.rows.map((r: { row: number; issues: { code: string }[] }) => [
      r.row,
      r.issues.map((i) => i.code),
    ]);
    expect(codes).toEqual([
      [2, ['unknown_listing']],
      [3, ['unknown_member']],
      [4, ['inactive_member']],
      [5, ['harvest_in_future']],
      [6, ['expiry_in_past']],
      [7, ['expiry_before_harvest', 'expiry_in_past']],
      [8, ['invalid_date']],
      [9, []],
      [10, ['duplicate_row_ref']],
      [11, ['out_of_range']],
      [12, ['required']],
    ]);
    const counts = [
      'lot_id,trace_code,on_hand',
      `${other.lot.id},,1`,
      `,${lot.traceCode.toUpperCase()},29`,
      `${lot.id},,28`,
      `${lot.id},,-1`,
    ].join('\n');
    const countRes = await importCsv(coop.sellerId, coop.manager.token, counts);
    expect(
      countRes.body.rows.map((r: { outcome: string; issues: { code: string }[] }) => [
        r.outcome,
        r.issues.map((i) => i.code),
      ]),
    ).toEqual([
      ['error', ['unknown_lot']],
      ['adjust', []],
      ['error', ['duplicate_lot']],
      ['error', ['not_a_quantity', 'duplicate_lot']],
    ]);
    expect(JSON.stringify(countRes.body)).not.toContain(other.lot.traceCode);
  });

  it('reports a file without the columns it needs', async () => {
    const { coop } = await coopWithStock();
    const res = await importCsv(coop.sellerId, coop.manager.token, 'Tên,Ghi chú\nChè,ngon\n');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
    expect(res.body.fileIssues.map((i: { code: string; column: string }) => [i.code, i.column])).toEqual([
      ['missing_column', 'lot_id'],
      ['missing_column', 'on_hand'],
      ['missing_column', 'listing_id'],
      ['missing_column', 'quantity'],
      ['missing_column', 'row_ref'],
    ]);
    const apply = await importCsv(coop.sellerId, coop.manager.token, 'Tên,Ghi chú\nChè,ngon\n', 'apply');
    expect(errorCode(apply)).toBe('VALIDATION_FAILED');
  });

  describe('reads what spreadsheets write', () => {
    const encodings: [string, (text: string) => Uint8Array, string][] = [
      ['UTF-8 with BOM', (s) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]), 'utf-8'],
      ['UTF-8 without BOM', (s) => new TextEncoder().encode(s), 'utf-8'],
      ['UTF-16 LE with BOM', (s) => encodeUtf16WithBom(s, 'le'), 'utf-16le'],
      ['UTF-16 BE with BOM', (s) => encodeUtf16WithBom(s, 'be'), 'utf-16be'],
      ['Windows-1258', encodeWindows1258, 'windows-1258'],
    ];
    const cases = encodings.flatMap(([label, encode, encoding]) =>
      ([',', ';'] as const).map((delimiter) => [`${label}, "${delimiter}"`, encode, encoding, delimiter] as const),
    );

    it.each(cases)('%s', async (_label, encode, encoding, delimiter) => {
      const { coop, tea } = await coopWithStock();
      // Vietnamese headers and a member named with diacritics: decoding errors would break the match.
      const header = ['Mã sản phẩm', 'Số lượng', 'Thành viên', 'Ngày thu hoạch', 'Số phiếu nhập'].join(delimiter);
      const harvested = day(-2).split('-').reverse().join('/');
      const row = [tea.id, '1.200', '"Bà Lê Thị Tám"', harvested, 'PN-ĐẶC-BIỆT-1'].join(delimiter);
      const res = await importCsv(coop.sellerId, coop.manager.token, encode(`${header}\r\n${row}\r\n`), 'apply');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ encoding, delimiter, applied: true });
      expect(res.body.rows).toEqual([
        expect.objectContaining({ outcome: 'receive', delta: 1200, rowRef: 'PN-ĐẶC-BIỆT-1', issues: [] }),
      ]);
      const stock = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/stock`, { token: coop.manager.token });
      expect(stock.body.listings[0].lots).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            quantity: 1200,
            harvestedAt: day(-2),
            importRef: 'PN-ĐẶC-BIỆT-1',
            member: { id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' },
          }),
        ]),
      );
    });
  });

  it.each([
    ['application/json', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['multipart/form-data; boundary=x', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('refuses a %s body (%i)', async (contentType, status, code) => {
    const { coop } = await coopWithStock();
    const res = await importCsv(coop.sellerId, coop.manager.token, 'lot_id,on_hand\n', 'preview', contentType);
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe(code);
  });

  it('accepts text/csv alone: text/plain, octet-stream and the Windows type are 415 (decision 0021)', async () => {
    const { coop, lot, tea } = await coopWithStock();
    const before = await stockState(tea.id);
    const file = `lot_id,on_hand\n${lot.id},30\n`;
    expect(
      (await importCsv(coop.sellerId, coop.manager.token, file, 'preview', 'text/csv; charset=utf-8')).status,
    ).toBe(200);
    for (const type of ['text/plain', 'application/octet-stream', 'application/vnd.ms-excel', '']) {
      const res = await importCsv(coop.sellerId, coop.manager.token, file, 'apply', type);
      expect(res.status, type).toBe(415);
      expect(errorCode(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await stockState(tea.id)).toEqual(before);
  });

  it('refuses an empty file, a file that is not CSV, a bad mode, an unknown parameter and a file over 2 MB', async () => {
    const { coop, tea } = await coopWithStock();
    const before = await stockState(tea.id);
    const empty = await importCsv(coop.sellerId, coop.manager.token, '', 'apply');
    expect(errorCode(empty)).toBe('VALIDATION_FAILED');
    const broken = await importCsv(
      coop.sellerId,
      coop.manager.token,
      `${RECEIVE_HEADER}\n"${tea.id},5,,,,X\n`,
      'apply',
    );
    expect(errorCode(broken)).toBe('VALIDATION_FAILED');
    expect(broken.body.error.details).toEqual([expect.objectContaining({ code: 'unreadable_csv' })]);
    expect(errorCode(await importCsv(coop.sellerId, coop.manager.token, RECEIVE_HEADER, 'commit'))).toBe(
      'VALIDATION_FAILED',
    );
    const extra = await t.call('POST', `/api/v1/cooperatives/${coop.sellerId}/stock.csv?mode=apply&dryRun=1`, {
      token: coop.manager.token,
      body: RECEIVE_HEADER,
      headers: { 'content-type': 'text/csv' },
    });
    expect(errorCode(extra)).toBe('VALIDATION_FAILED');
    const huge = `${RECEIVE_HEADER}\n${`${tea.id},1,,,,R\n`.repeat(Math.ceil((2 * 1024 * 1024) / 30) + 10)}`;
    const tooBig = await importCsv(coop.sellerId, coop.manager.token, huge, 'apply');
    expect(tooBig.status).toBe(413);
    expect(errorCode(tooBig)).toBe('PAYLOAD_TOO_LARGE');
    expect(await stockState(tea.id)).toEqual(before);
  });

  it('members, other cooperatives and strangers get 404, anonymous 401, and nothing is written', async () => {
    const { coop, tea } = await coopWithStock();
    const other = await createCoop(t);
    const stranger = await t.signIn();
    const file = `${RECEIVE_HEADER}\n${tea.id},5,,,,X-1\n`;
    const before = await stockState(tea.id);
    for (const token of [coop.member.token, other.manager.token, stranger.token]) {
      const res = await importCsv(coop.sellerId, token, file, 'apply');
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await importCsv(coop.sellerId, undefined, file, 'apply'))).toBe('UNAUTHENTICATED');
    // Another cooperative's manager importing into their own cooperative cannot reach this listing.
    const viaOther = await importCsv(other.sellerId, other.manager.token, file, 'apply');
    expect(errorCode(viaOther)).toBe('VALIDATION_FAILED');
    expect(viaOther.body.error.details).toEqual([expect.objectContaining({ code: 'unknown_listing' })]);
    expect(await stockState(tea.id)).toEqual(before);
  });
});

describe('control characters in a stock file (issue 13)', () => {
  it('a NUL or other control character in a cell is a row error, never a 500; nothing is written', async () => {
    const { coop, tea } = await coopWithStock();
    const before = await stockState(tea.id);
    for (const control of ['\u0000', '\u001b', '\u007f']) {
      for (const row of [
        `${tea.id},5,Bà Tư${control},${day(0)},${day(10)},P-1`,
        `${tea.id},5,,${day(0)},${day(10)},P${control}1`,
        `${tea.id}${control},5,,${day(0)},${day(10)},P-1`,
      ]) {
        const file = `${RECEIVE_HEADER}\n${row}\n`;
        const preview = await importCsv(coop.sellerId, coop.staff.token, file);
        expect(preview.status, JSON.stringify(row)).toBeLessThan(500);
        const apply = await importCsv(coop.sellerId, coop.staff.token, file, 'apply');
        expect(apply.status, JSON.stringify(row)).toBe(422);
      }
    }
    expect(await stockState(tea.id)).toEqual(before);
  });
});
