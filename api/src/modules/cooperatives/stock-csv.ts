import {
  fromMilli,
  MAX_QUANTITY,
  MILLI,
  parseQuantityMilli,
  type StockImportIssue,
  traceCodeForPeople,
} from '@nongsan/contracts';
import { type CsvCell, parseSpreadsheetDate, unescapeSpreadsheetCell } from '@nongsan/vn/csv';
import { foldVietnamese } from '@nongsan/vn/text';

// The stock file's columns, for export and import alike. Headers are bilingual with the machine
// key in parentheses ("Tồn kho (on_hand)"), so a person reads them and a re-import finds them
// whatever the spreadsheet did to the rest; a hand-made file may use just the key or a plain
// Vietnamese or English name instead. Unknown columns are ignored.

export const STOCK_COLUMNS = [
  { key: 'lot_id', vi: 'Mã lô', aliases: ['lot id', 'ma lo', 'lot'] },
  { key: 'trace_code', vi: 'Mã truy xuất', aliases: ['trace code', 'ma truy xuat'] },
  { key: 'listing_id', vi: 'Mã sản phẩm', aliases: ['listing id', 'ma san pham', 'product id'] },
  { key: 'listing_title', vi: 'Sản phẩm', aliases: ['listing title', 'san pham', 'ten san pham', 'product'] },
  { key: 'unit', vi: 'Đơn vị', aliases: ['unit', 'don vi', 'don vi tinh', 'dvt'] },
  { key: 'member_id', vi: 'Mã thành viên', aliases: ['member id', 'ma thanh vien'] },
  { key: 'member_name', vi: 'Thành viên', aliases: ['member name', 'member', 'thanh vien', 'ten thanh vien'] },
  { key: 'quantity', vi: 'Số lượng nhập', aliases: ['quantity', 'so luong', 'so luong nhap'] },
  { key: 'on_hand', vi: 'Tồn kho', aliases: ['on hand', 'ton kho', 'ton', 'so luong ton', 'counted', 'kiem dem'] },
  { key: 'harvested_at', vi: 'Ngày thu hoạch', aliases: ['harvested at', 'harvest date', 'ngay thu hoach'] },
  { key: 'expires_at', vi: 'Hạn bán', aliases: ['expires at', 'expiry', 'han ban', 'han dung', 'han su dung'] },
  {
    key: 'row_ref',
    vi: 'Số phiếu nhập',
    aliases: ['row ref', 'import ref', 'external id', 'so phieu nhap', 'so phieu'],
  },
] as const;

export type StockColumnKey = (typeof STOCK_COLUMNS)[number]['key'];

export const stockHeaderCell = (column: (typeof STOCK_COLUMNS)[number]) => `${column.vi} (${column.key})`;

/** Which column a header cell names, or null. */
export function columnKeyOf(cell: string): StockColumnKey | null {
  const inParentheses = /\(([a-z_]+)\)\s*$/.exec(cell.trim());
  const byKey = STOCK_COLUMNS.find((c) => c.key === inParentheses?.[1]);
  if (byKey) return byKey.key;
  const folded = foldVietnamese(cell)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const found = STOCK_COLUMNS.find((c) => c.key.replace('_', ' ') === folded || c.aliases.some((a) => a === folded));
  return found?.key ?? null;
}

export type StockCsvLot = {
  id: string;
  traceCode: string;
  listingId: string;
  listingTitle: string;
  unit: string;
  memberId: string | null;
  memberName: string | null;
  quantityMilli: number;
  onHandMilli: number;
  harvestedAt: string | null;
  expiresAt: string | null;
  importRef: string | null;
};

/** The export: header, then one row per lot. Dates are `yyyy-mm-dd`, which every spreadsheet reads. */
export function stockCsvRows(lots: readonly StockCsvLot[]): CsvCell[][] {
  const header = STOCK_COLUMNS.map(stockHeaderCell);
  const rows = lots.map((lot) => {
    const cells: Record<StockColumnKey, CsvCell> = {
      lot_id: lot.id,
      trace_code: traceCodeForPeople(lot.traceCode),
      listing_id: lot.listingId,
      listing_title: lot.listingTitle,
      unit: lot.unit,
      member_id: lot.memberId,
      member_name: lot.memberName,
      // Decimals with a point, as the API writes them; the import reads a comma too.
      quantity: fromMilli(lot.quantityMilli),
      on_hand: fromMilli(lot.onHandMilli),
      harvested_at: lot.harvestedAt,
      expires_at: lot.expiresAt,
      row_ref: lot.importRef,
    };
    return STOCK_COLUMNS.map((c) => cells[c.key]);
  });
  return [header, ...rows];
}

// ---------------------------------------------------------------------------------------------
// Import: from records to typed rows, each with its issues. Nothing here reads the database; the
// service checks listings, lots, members and references afterwards.

export const MAX_IMPORT_ROWS = 5000;
const MAX_REF_LENGTH = 64;

type IssueCode =
  | 'missing_column'
  | 'no_rows'
  | 'too_many_rows'
  | 'required'
  | 'not_a_quantity'
  | 'out_of_range'
  | 'invalid_date'
  | 'too_long'
  | 'expiry_before_harvest'
  | 'duplicate_row_ref'
  | 'duplicate_lot'
  | 'unknown_lot'
  | 'unknown_listing'
  | 'listing_archived'
  | 'unknown_member'
  | 'inactive_member'
  | 'ambiguous_member'
  | 'member_mismatch'
  | 'harvest_in_future'
  | 'expiry_in_past';

const MESSAGES: Record<IssueCode, (column: string) => { en: string; vi: string }> = {
  missing_column: (c) => ({ en: `the column ${c} is missing`, vi: `Thiếu cột ${c}` }),
  no_rows: () => ({ en: 'the file has no rows under its header', vi: 'Tệp không có dòng nào dưới dòng tiêu đề' }),
  too_many_rows: () => ({
    en: `at most ${MAX_IMPORT_ROWS} rows per file; split it`,
    vi: `Mỗi tệp tối đa ${MAX_IMPORT_ROWS} dòng; hãy chia nhỏ tệp`,
  }),
  required: (c) => ({ en: `${c} is required`, vi: `Cần điền ${c}` }),
  not_a_quantity: (c) => ({
    en: `${c} must be a number with at most 3 decimals (1,5 or 1.5)`,
    vi: `${c} phải là số, tối đa 3 chữ số thập phân (1,5 hoặc 1.5)`,
  }),
  out_of_range: (c) => ({
    en: `${c} is out of range (at most ${MAX_QUANTITY}; a new lot needs more than 0)`,
    vi: `${c} nằm ngoài khoảng cho phép (tối đa ${MAX_QUANTITY}; lô mới phải lớn hơn 0)`,
  }),
  invalid_date: (c) => ({
    en: `${c} is not a date; write dd/mm/yyyy or yyyy-mm-dd`,
    vi: `${c} không phải ngày hợp lệ; hãy ghi dd/mm/yyyy hoặc yyyy-mm-dd`,
  }),
  too_long: (c) => ({
    en: `${c} is longer than ${MAX_REF_LENGTH} characters`,
    vi: `${c} dài quá ${MAX_REF_LENGTH} ký tự`,
  }),
  expiry_before_harvest: (c) => ({ en: `${c} is before the harvest date`, vi: `${c} trước ngày thu hoạch` }),
  duplicate_row_ref: (c) => ({
    en: `${c} repeats an earlier row of this file`,
    vi: `${c} trùng với một dòng phía trên trong tệp`,
  }),
  duplicate_lot: (c) => ({
    en: `this lot (${c}) is already counted in an earlier row`,
    vi: `Lô này (${c}) đã được kiểm đếm ở một dòng phía trên`,
  }),
  unknown_lot: (c) => ({
    en: `no lot of this cooperative has this ${c}`,
    vi: `Không có lô nào của hợp tác xã với ${c} này`,
  }),
  unknown_listing: (c) => ({
    en: `no product of this cooperative has this ${c}`,
    vi: `Không có sản phẩm nào của hợp tác xã với ${c} này`,
  }),
  listing_archived: () => ({
    en: 'the product is archived; restore it before receiving stock',
    vi: 'Sản phẩm đã lưu trữ; hãy khôi phục trước khi nhập hàng',
  }),
  unknown_member: (c) => ({
    en: `no member of this cooperative matches ${c}`,
    vi: `Không có thành viên nào khớp ${c}`,
  }),
  inactive_member: () => ({
    en: 'the member is deactivated; reactivate them before receiving their harvest',
    vi: 'Thành viên đã bị ngừng hoạt động; hãy kích hoạt lại trước khi nhập hàng',
  }),
  ambiguous_member: (c) => ({
    en: `several members are called this; give ${c} instead`,
    vi: `Có nhiều thành viên trùng tên; hãy ghi ${c}`,
  }),
  member_mismatch: () => ({
    en: 'member id and member name name different members',
    vi: 'Mã thành viên và tên thành viên không khớp nhau',
  }),
  harvest_in_future: (c) => ({ en: `${c} is in the future`, vi: `${c} ở tương lai` }),
  expiry_in_past: (c) => ({ en: `${c} has already passed`, vi: `${c} đã qua` }),
};

export function issue(code: IssueCode, column: string | null): StockImportIssue {
  const message = MESSAGES[code](column ?? '');
  return { column, code, message: message.en, messageVi: message.vi };
}

export type ParsedReceiveRow = {
  row: number;
  kind: 'receive';
  listingId: string | null;
  /** Thousandths of the listing's unit. */
  quantityMilli: number | null;
  memberId: string | null;
  memberName: string | null;
  harvestedAt: string | null;
  expiresAt: string | null;
  rowRef: string | null;
  issues: StockImportIssue[];
};

export type ParsedCountRow = {
  row: number;
  kind: 'count';
  lotId: string | null;
  traceCode: string | null;
  /** Thousandths counted. */
  countedMilli: number | null;
  issues: StockImportIssue[];
};

export type ParsedStockRow = ParsedReceiveRow | ParsedCountRow;

export type ParsedStockCsv = {
  /** The header cell each column was found under, by key. */
  columns: Partial<Record<StockColumnKey, string>>;
  rows: ParsedStockRow[];
  fileIssues: StockImportIssue[];
};

/**
 * Reads the records of a stock file. A row naming a lot (id or trace code) is a count of that
 * lot's on-hand; any other non-blank row receives a new lot and must carry a `row_ref`, which
 * makes a re-import of the same file a no-op. Each value is checked on its own here.
 */
export function parseStockRecords(records: readonly string[][]): ParsedStockCsv {
  const headerIndex = records.findIndex((cells) => cells.some((c) => c !== ''));
  if (headerIndex === -1) return { columns: {}, rows: [], fileIssues: [issue('no_rows', null)] };
  const header = records[headerIndex]!;
  const indexOf = new Map<StockColumnKey, number>();
  const columns: Partial<Record<StockColumnKey, string>> = {};
  header.forEach((cell, index) => {
    const key = columnKeyOf(cell);
    if (key && !indexOf.has(key)) {
      indexOf.set(key, index);
      columns[key] = cell;
    }
  });
  const label = (key: StockColumnKey) => columns[key] ?? key;

  const fileIssues: StockImportIssue[] = [];
  const canCount = indexOf.has('on_hand') && (indexOf.has('lot_id') || indexOf.has('trace_code'));
  const canReceive = indexOf.has('listing_id') && indexOf.has('quantity') && indexOf.has('row_ref');
  if (!canCount && !canReceive) {
    // Neither kind of row can be read: name what the simplest complete file needs.
    for (const key of ['lot_id', 'on_hand', 'listing_id', 'quantity', 'row_ref'] as const) {
      if (!indexOf.has(key)) fileIssues.push(issue('missing_column', key));
    }
    return { columns, rows: [], fileIssues };
  }

  const rows: ParsedStockRow[] = [];
  const dataRecords = records.length - headerIndex - 1;
  if (dataRecords > MAX_IMPORT_ROWS) {
    return { columns, rows: [], fileIssues: [issue('too_many_rows', null)] };
  }
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index]!;
    const cell = (key: StockColumnKey) => {
      const at = indexOf.get(key);
      return at === undefined ? '' : unescapeSpreadsheetCell(cells[at] ?? '').trim();
    };
    if (cells.every((c) => c.trim() === '')) continue;
    const row = index + 1;
    const issues: StockImportIssue[] = [];
    const lotId = cell('lot_id') || null;
    const traceCode = cell('trace_code') || null;

    if (lotId || traceCode) {
      if (!indexOf.has('on_hand')) issues.push(issue('missing_column', 'on_hand'));
      const countedMilli = quantityCell(cell('on_hand'), label('on_hand'), 0, issues);
      rows.push({ row, kind: 'count', lotId, traceCode, countedMilli, issues });
      continue;
    }

    for (const key of ['listing_id', 'quantity', 'row_ref'] as const) {
      if (!indexOf.has(key)) issues.push(issue('missing_column', key));
    }
    const listingId = cell('listing_id') || null;
    if (indexOf.has('listing_id') && !listingId) issues.push(issue('required', label('listing_id')));
    const quantityMilli = quantityCell(cell('quantity'), label('quantity'), 1, issues);
    const rowRef = cell('row_ref') || null;
    if (indexOf.has('row_ref') && !rowRef) issues.push(issue('required', label('row_ref')));
    if (rowRef && rowRef.length > MAX_REF_LENGTH) issues.push(issue('too_long', label('row_ref')));
    const harvestedAt = optionalDate(cell('harvested_at'), label('harvested_at'), issues);
    const expiresAt = optionalDate(cell('expires_at'), label('expires_at'), issues);
    if (harvestedAt && expiresAt && expiresAt < harvestedAt)
      issues.push(issue('expiry_before_harvest', label('expires_at')));
    rows.push({
      row,
      kind: 'receive',
      listingId,
      quantityMilli,
      memberId: cell('member_id') || null,
      memberName: cell('member_name') || null,
      harvestedAt,
      expiresAt,
      rowRef,
      issues,
    });
  }
  if (rows.length === 0) fileIssues.push(issue('no_rows', null));
  return { columns, rows, fileIssues };
}

/**
 * A quantity cell, in thousandths (`min` thousandths at least). Spreadsheets may group thousands
 * ("1.200", "12,000,000"): one to three digits then groups of three are read as thousands, as
 * before decimals were allowed; anything else is a decimal with a comma or a point ("1,5", "2.25").
 */
function quantityCell(text: string, column: string, min: number, issues: StockImportIssue[]): number | null {
  if (text === '') {
    issues.push(issue('required', column));
    return null;
  }
  const plain = text.replace(/[\s\u00a0]/g, '');
  const milli = /^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(plain)
    ? Number(plain.replace(/[.,]/g, '')) * MILLI
    : parseQuantityMilli(plain);
  if (milli === null) {
    issues.push(issue('not_a_quantity', column));
    return null;
  }
  if (milli < min || milli > MAX_QUANTITY * MILLI) {
    issues.push(issue('out_of_range', column));
    return null;
  }
  return milli;
}

function optionalDate(text: string, column: string, issues: StockImportIssue[]): string | null {
  if (text === '') return null;
  const date = parseSpreadsheetDate(text);
  if (date === null) issues.push(issue('invalid_date', column));
  return date;
}
