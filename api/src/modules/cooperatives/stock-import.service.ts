import { fromMilli, type StockImportIssue, type StockImportResult, type StockImportRow } from '@nongsan/contracts';
import type { DbOrTx } from '@nongsan/db';
import { CsvReadError, readSpreadsheetCsv, type SpreadsheetCsv } from '@nongsan/vn/csv';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { countLotsInTx, receiveLotsInTx, syncListingStockStatus } from '../inventory/index.ts';
import { requireCooperative } from './cooperatives.access.ts';
import * as repo from './stock.repo.ts';
import { issue, type ParsedStockCsv, type ParsedStockRow, parseStockRecords } from './stock-csv.ts';

type ImportDeps = Pick<Deps, 'db' | 'clock'>;

export type StockImportInput = { bytes: Uint8Array; mode: 'preview' | 'apply' };

/** What a row will do once its references are looked up: the planned write, or why it cannot. */
type PlannedRow = StockImportRow & {
  receive?: {
    listingId: string;
    quantityMilli: number;
    memberId: string | null;
    harvestedAt: string | null;
    expiresAt: string | null;
    rowRef: string;
  };
  count?: { listingId: string; lotId: string; countedMilli: number };
};

const sameName = (a: string, b: string) =>
  a.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim() ===
  b.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** The listings a file touches (received into, or holding a counted lot), for locking before the checks. */
async function listingsTouched(db: DbOrTx, cooperativeId: string, parsed: ParsedStockCsv): Promise<string[]> {
  const ids = new Set<string>();
  for (const row of parsed.rows) if (row.kind === 'receive' && row.listingId) ids.add(row.listingId);
  const lots = await repo.findLotsOfCooperative(db, cooperativeId, lotRefsOf(parsed.rows));
  for (const lot of lots) ids.add(lot.listingId);
  const owned = await repo.findListingsOfCooperative(db, cooperativeId, [...ids]);
  return owned.map((l) => l.id).sort();
}

function lotRefsOf(rows: readonly ParsedStockRow[]) {
  const lotIds: string[] = [];
  const traceCodes: string[] = [];
  for (const row of rows) {
    if (row.kind !== 'count') continue;
    if (row.lotId) lotIds.push(row.lotId);
    else if (row.traceCode) traceCodes.push(row.traceCode.toLowerCase());
  }
  return { lotIds, traceCodes };
}

/**
 * Looks every row's references up (listings, lots, members, already-applied row refs) and decides
 * its outcome. Read-only: preview runs it as is, apply runs it under the listing locks.
 */
async function planRows(
  db: DbOrTx,
  cooperativeId: string,
  parsed: ParsedStockCsv,
  today: string,
): Promise<PlannedRow[]> {
  const receiveRows = parsed.rows.filter((r) => r.kind === 'receive');
  const listings = new Map(
    (
      await repo.findListingsOfCooperative(
        db,
        cooperativeId,
        receiveRows.flatMap((r) => (r.listingId ? [r.listingId] : [])),
      )
    ).map((l) => [l.id, l]),
  );
  const lots = await repo.findLotsOfCooperative(db, cooperativeId, lotRefsOf(parsed.rows));
  const lotsById = new Map(lots.map((l) => [l.id, l]));
  const lotsByTrace = new Map(lots.map((l) => [l.traceCode, l]));
  const members = await repo.listMemberNames(db, cooperativeId);
  const applied = new Map(
    (
      await repo.findImportRefs(
        db,
        cooperativeId,
        receiveRows.flatMap((r) => (r.rowRef ? [r.rowRef] : [])),
      )
    ).map((r) => [r.importRef, r.lotId]),
  );
  const label = (key: keyof ParsedStockCsv['columns']) => parsed.columns[key] ?? key;

  const seenRefs = new Set<string>();
  const seenLots = new Set<string>();
  return parsed.rows.map((row): PlannedRow => {
    const issues: StockImportIssue[] = [...row.issues];
    if (row.kind === 'count') {
      const lot = row.lotId
        ? lotsById.get(row.lotId)
        : row.traceCode
          ? lotsByTrace.get(row.traceCode.toLowerCase())
          : undefined;
      if (!lot) issues.push(issue('unknown_lot', row.lotId ? label('lot_id') : label('trace_code')));
      else if (seenLots.has(lot.id)) issues.push(issue('duplicate_lot', lot.traceCode));
      if (lot) seenLots.add(lot.id);
      const base = { row: row.row, kind: 'count' as const, rowRef: null, listingId: lot?.listingId ?? null };
      if (!lot || row.countedMilli === null || issues.length > 0) {
        return { ...base, outcome: 'error', lotId: lot?.id ?? null, delta: null, issues };
      }
      const deltaMilli = row.countedMilli - lot.onHandMilli;
      return {
        ...base,
        outcome: deltaMilli === 0 ? 'unchanged' : 'adjust',
        lotId: lot.id,
        delta: fromMilli(deltaMilli),
        issues,
        count: { listingId: lot.listingId, lotId: lot.id, countedMilli: row.countedMilli },
      };
    }

    const base = { row: row.row, kind: 'receive' as const, rowRef: row.rowRef, listingId: row.listingId };
    // A row already applied (same row_ref, any earlier import) is skipped whatever it says now:
    // that is what makes importing the same file twice harmless.
    const appliedLot = row.rowRef ? applied.get(row.rowRef) : undefined;
    if (appliedLot && issues.length === 0) {
      return { ...base, outcome: 'already_applied', lotId: appliedLot, delta: null, issues };
    }
    if (row.rowRef) {
      if (seenRefs.has(row.rowRef)) issues.push(issue('duplicate_row_ref', label('row_ref')));
      seenRefs.add(row.rowRef);
    }
    const listing = row.listingId ? listings.get(row.listingId) : undefined;
    if (row.listingId && !listing) issues.push(issue('unknown_listing', label('listing_id')));
    if (listing?.status === 'archived') issues.push(issue('listing_archived', label('listing_id')));
    let memberId: string | null = null;
    if (row.memberId) {
      const member = members.find((m) => m.id === row.memberId);
      if (!member) issues.push(issue('unknown_member', label('member_id')));
      else if (member.status !== 'active') issues.push(issue('inactive_member', label('member_id')));
      else memberId = member.id;
    } else if (row.memberName) {
      const named = row.memberName;
      const matches = members.filter((m) => sameName(m.name, named));
      if (matches.length === 0) issues.push(issue('unknown_member', label('member_name')));
      else if (matches.length > 1) issues.push(issue('ambiguous_member', label('member_id')));
      else if (matches[0]!.status !== 'active') issues.push(issue('inactive_member', label('member_name')));
      else memberId = matches[0]!.id;
    }
    if (row.harvestedAt && row.harvestedAt > today) issues.push(issue('harvest_in_future', label('harvested_at')));
    if (row.expiresAt && row.expiresAt < today) issues.push(issue('expiry_in_past', label('expires_at')));
    if (issues.length > 0 || !listing || row.quantityMilli === null || !row.rowRef) {
      return { ...base, outcome: 'error', lotId: null, delta: null, issues };
    }
    return {
      ...base,
      outcome: 'receive',
      lotId: null,
      delta: fromMilli(row.quantityMilli),
      issues,
      receive: {
        listingId: listing.id,
        quantityMilli: row.quantityMilli,
        memberId,
        harvestedAt: row.harvestedAt,
        expiresAt: row.expiresAt,
        rowRef: row.rowRef,
      },
    };
  });
}

function toResult(
  mode: StockImportInput['mode'],
  applied: boolean,
  csv: SpreadsheetCsv,
  parsed: ParsedStockCsv,
  planned: readonly PlannedRow[],
): StockImportResult {
  const rows = planned.map(({ receive: _r, count: _c, ...row }) => row);
  const countOf = (outcome: StockImportRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  return {
    mode,
    applied,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    rows,
    summary: {
      rows: rows.length,
      receive: countOf('receive'),
      adjust: countOf('adjust'),
      unchanged: countOf('unchanged'),
      alreadyApplied: countOf('already_applied'),
      errors: countOf('error'),
    },
    fileIssues: parsed.fileIssues,
  };
}

/** Every problem of a file as the details of one 422: file issues first, then row by row. */
function refusal(parsed: ParsedStockCsv, planned: readonly PlannedRow[]): AppError {
  const details = [
    ...parsed.fileIssues.map((i) => ({ row: null, ...i })),
    ...planned.flatMap((r) => r.issues.map((i) => ({ row: r.row, ...i }))),
  ];
  const first = planned.find((r) => r.issues.length > 0);
  return new AppError('VALIDATION_FAILED', {
    message: first
      ? `row ${first.row}: ${first.issues[0]!.message}; nothing was imported`
      : `${parsed.fileIssues[0]?.message ?? 'the file cannot be imported'}; nothing was imported`,
    details,
  });
}

function readCsv(bytes: Uint8Array): SpreadsheetCsv {
  if (bytes.byteLength === 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'the file is empty',
      details: [{ path: '(body)', code: 'empty', message: 'the file is empty' }],
    });
  }
  try {
    return readSpreadsheetCsv(bytes);
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    throw new AppError('VALIDATION_FAILED', {
      message: 'the file is not a readable CSV file',
      details: [{ path: '(body)', code: 'unreadable_csv', message: error.message }],
    });
  }
}

/**
 * Stock CSV import (managers and staff). `preview` says what every row would do, with row
 * numbers, columns and messages in English and Vietnamese, and writes nothing. `apply` does it in
 * one transaction: every row or, if any row or the file has a problem, nothing (422 with every
 * problem in `details`). Under the listing locks (ascending id, like orders) the rows are checked
 * again, so a count or a second import racing this one cannot slip in between check and write.
 */
export async function importStockCsv(
  deps: ImportDeps,
  user: SessionUser,
  cooperativeId: string,
  input: StockImportInput,
): Promise<StockImportResult> {
  await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  const csv = readCsv(input.bytes);
  const parsed = parseStockRecords(csv.records);
  const now = deps.clock.now();
  const today = vnDate(now);

  if (input.mode === 'preview') {
    const planned = await planRows(deps.db, cooperativeId, parsed, today);
    return toResult('preview', false, csv, parsed, planned);
  }

  return deps.db.transaction(async (tx) => {
    if (parsed.fileIssues.length > 0) throw refusal(parsed, []);
    const listingIds = await listingsTouched(tx, cooperativeId, parsed);
    await repo.lockListingsInOrder(tx, listingIds);
    const planned = await planRows(tx, cooperativeId, parsed, today);
    if (planned.some((r) => r.outcome === 'error')) throw refusal(parsed, planned);

    const receiving = planned.filter((r) => r.receive);
    const received = await receiveLotsInTx(tx, {
      lots: receiving.map(({ receive }) => ({
        listingId: receive!.listingId,
        quantityMilli: receive!.quantityMilli,
        ...(receive!.harvestedAt ? { harvestedAt: receive!.harvestedAt } : {}),
        ...(receive!.expiresAt ? { expiresAt: receive!.expiresAt } : {}),
        ...(receive!.memberId ? { memberId: receive!.memberId } : {}),
      })),
      authorUserId: user.userId,
      now,
    });
    receiving.forEach((row, i) => {
      row.lotId = received[i]!.id;
    });
    const isNew = await repo.insertImportRefs(
      tx,
      receiving.map((row, i) => ({
        cooperativeId,
        importRef: row.receive!.rowRef,
        lotId: received[i]!.id,
        importedByUserId: user.userId,
        createdAt: now,
      })),
    );
    // The listing locks make this unreachable for two imports of one cooperative; kept as the last word.
    if (!isNew) throw new AppError('CONFLICT', { message: 'rows of this file were imported meanwhile; try again' });
    const counting = planned.filter((r) => r.count && r.outcome === 'adjust');
    const deltas = await countLotsInTx(tx, {
      counts: counting.map((r) => ({ lotId: r.count!.lotId, countedMilli: r.count!.countedMilli })),
      authorUserId: user.userId,
      now,
    });
    for (const row of counting) row.delta = fromMilli(deltas.get(row.count!.lotId) ?? 0);
    const touched = new Set([
      ...receiving.map((r) => r.receive!.listingId),
      ...counting.map((r) => r.count!.listingId),
    ]);
    for (const listingId of [...touched].sort()) await syncListingStockStatus(tx, listingId, now);
    return toResult('apply', true, csv, parsed, planned);
  });
}
