// A bank statement import as the operator reads it: every row the API reported, in file order,
// with what happened to it. Pure (types only), checked by tests/unit.

/** The API's explanation of a row, in English and Vietnamese. */
type Said = { message?: string | null; messageVi?: string | null };

/** The answer of POST /payments/bank-statements (StatementImportResult), read loosely. */
export type StatementPreviewLike = {
  matched: readonly { row: number; orderCode?: string; reference?: string; amountVnd?: number }[];
  mismatched: readonly ({
    row: number;
    orderCode?: string | null;
    reference?: string | null;
    amountVnd?: number | null;
    expectedVnd?: number | null;
  } & Said)[];
  unmatched: readonly ({ row: number; reference?: string | null; amountVnd?: number | null } & Said)[];
  skipped: readonly ({ row: number } & Said)[];
  duplicates?: readonly ({ row: number; amountVnd?: number | null } & Said)[];
  applied: boolean;
};

export type StatementRowKind = 'matched' | 'mismatched' | 'unmatched' | 'skipped' | 'duplicate';

export type StatementRowView = {
  row: number;
  kind: StatementRowKind;
  orderCode: string | null;
  reference: string | null;
  amountVnd: number | null;
  expectedVnd: number | null;
  /** The API's explanation in the reader's language, when it gave one. */
  message: string | null;
};

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/**
 * One list in the order of the file, so the operator can hold it next to the statement. A row
 * can appear under several headings when the API says so (a duplicate of a matched row); each
 * is listed.
 */
export function statementRows(preview: StatementPreviewLike, locale: 'vi' | 'en' = 'vi'): StatementRowView[] {
  const say = (said: Said): string | null => (locale === 'vi' ? said.messageVi || said.message : said.message) || null;
  const rows: StatementRowView[] = [
    ...preview.matched.map((m) => ({
      row: m.row,
      kind: 'matched' as const,
      orderCode: orNull(m.orderCode),
      reference: orNull(m.reference),
      amountVnd: orNull(m.amountVnd),
      expectedVnd: null,
      message: null,
    })),
    ...preview.mismatched.map((m) => ({
      row: m.row,
      kind: 'mismatched' as const,
      orderCode: orNull(m.orderCode),
      reference: orNull(m.reference),
      amountVnd: orNull(m.amountVnd),
      expectedVnd: orNull(m.expectedVnd),
      message: say(m),
    })),
    ...preview.unmatched.map((m) => ({
      row: m.row,
      kind: 'unmatched' as const,
      orderCode: null,
      reference: orNull(m.reference),
      amountVnd: orNull(m.amountVnd),
      expectedVnd: null,
      message: say(m),
    })),
    ...preview.skipped.map((m) => ({
      row: m.row,
      kind: 'skipped' as const,
      orderCode: null,
      reference: null,
      amountVnd: null,
      expectedVnd: null,
      message: say(m),
    })),
    ...(preview.duplicates ?? []).map((m) => ({
      row: m.row,
      kind: 'duplicate' as const,
      orderCode: null,
      reference: null,
      amountVnd: orNull(m.amountVnd),
      expectedVnd: null,
      message: say(m),
    })),
  ];
  const order: Record<StatementRowKind, number> = { matched: 0, mismatched: 1, unmatched: 2, duplicate: 3, skipped: 4 };
  return rows.sort((a, b) => a.row - b.row || order[a.kind] - order[b.kind]);
}

export type StatementSummary = Record<StatementRowKind, number>;

export function statementSummary(preview: StatementPreviewLike): StatementSummary {
  return {
    matched: preview.matched.length,
    mismatched: preview.mismatched.length,
    unmatched: preview.unmatched.length,
    skipped: preview.skipped.length,
    duplicate: preview.duplicates?.length ?? 0,
  };
}

/**
 * "Áp dụng" is offered when there is something to apply and nothing a person must decide first:
 * the API applies all matched rows or none, and refuses a file with a mismatch in it. Rows that
 * name no order (other income on the account) and skipped rows do not stop it.
 */
export function canApplyStatement(preview: StatementPreviewLike): boolean {
  return !preview.applied && preview.matched.length > 0 && preview.mismatched.length === 0;
}
