// Member sales arithmetic, exact to the đồng (docs/decisions/0008-cooperatives-stock-and-reports.md).
//
// A sale is attributed to members through the order's lot allocations: an item that took units
// from two members' lots has its line total (whole đồng, rounded once per line; for a line priced
// at packing, on its weighed weight) split between them in proportion to the allocated quantity,
// by largest remainder, so the members' gross always adds up to the line. Quantities are
// thousandths of the unit (decision 0029). The platform
// fee is charged per fulfilment, on its goods (delivery fees are the cooperative's): fee =
// subtotal × rate, rounded half up to the đồng. That fee is then split over the fulfilment's
// parts (one per item and lot) in proportion to their gross by the largest-remainder method, so
// the members' fee shares always add up to exactly the fulfilment's fee and no đồng is made up or
// lost to rounding. Integer arithmetic throughout (BigInt where a product can pass 2^53).
//
// Refunds after delivery count in the report whose range holds the refund's creation (when the
// cooperative learns it owes less), whenever the sale was: a refund of an earlier period's sale is
// a line of its own with quantity 0. A refund is split over the refunded item's lot allocations
// (or, naming no item, over the whole fulfilment's) in proportion to their gross, by the same
// largest-remainder rule as the fee. The fee stays as charged on the sale.

/** One allocation of one delivered item: units of one lot sold at the item's unit price. */
export type SalePart = {
  fulfilmentId: string;
  orderItemId: string;
  lotId: string;
  listingId: string;
  title: string;
  unit: string;
  unitPriceVnd: number;
  /** Thousandths taken from this lot. */
  quantityMilli: number;
  /** The item's line total, which its allocations share. */
  lineTotalVnd: number;
  memberId: string | null;
  memberName: string | null;
};

/** A refund after delivery of one of the cooperative's fulfilments, created in the report's range. */
export type SaleRefund = {
  refundId: string;
  fulfilmentId: string;
  /** The item refunded; null: the fulfilment as a whole. */
  orderItemId: string | null;
  amountVnd: number;
};

export type SalesLine = {
  listingId: string;
  title: string;
  unit: string;
  quantityMilli: number;
  grossVnd: number;
  feeVnd: number;
  refundsVnd: number;
  netVnd: number;
};

export type Totals = { quantityMilli: number; grossVnd: number; feeVnd: number; refundsVnd: number; netVnd: number };

export type MemberSalesGroup = {
  member: { id: string; name: string } | null;
  lines: SalesLine[];
  totals: Totals;
};

export type SalesComputation = { members: MemberSalesGroup[]; totals: Totals; fulfilments: number };

/** subtotal × basisPoints / 10 000, rounded half up to the đồng. */
export function feeOf(subtotalVnd: number, basisPoints: number): number {
  const scaled = BigInt(subtotalVnd) * BigInt(basisPoints);
  return Number((scaled + 5_000n) / 10_000n);
}

/**
 * Splits `total` over `weights` in proportion, by largest remainder: each gets the floor of its
 * exact share, and the đồng left over go one each to the largest fractional remainders (ties to
 * the earlier weight). The result always sums to `total`.
 */
export function splitByLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = exact.map((e) => e / sum);
  let left = BigInt(total) - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = exact
    .map((e, index) => ({ index, remainder: e % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

const emptyTotals = (): Totals => ({ quantityMilli: 0, grossVnd: 0, feeVnd: 0, refundsVnd: 0, netVnd: 0 });

function add(totals: Totals, line: Omit<SalesLine, 'listingId' | 'title' | 'unit'>): void {
  totals.quantityMilli += line.quantityMilli;
  totals.grossVnd += line.grossVnd;
  totals.feeVnd += line.feeVnd;
  totals.refundsVnd += line.refundsVnd;
  totals.netVnd += line.netVnd;
}

/** A fixed order (item, then lot), so no split ever depends on the order rows were read in. */
const byItemThenLot = (a: SalePart, b: SalePart) =>
  a.orderItemId === b.orderItemId ? a.lotId.localeCompare(b.lotId) : a.orderItemId.localeCompare(b.orderItemId);

/** Each part's share of its item's line total (parts sorted byItemThenLot), summing to each line. */
function grossOf(parts: readonly SalePart[]): number[] {
  const gross: number[] = [];
  for (let start = 0; start < parts.length; ) {
    let end = start;
    while (end < parts.length && parts[end]!.orderItemId === parts[start]!.orderItemId) end++;
    const item = parts.slice(start, end);
    gross.push(
      ...splitByLargestRemainder(
        item[0]!.lineTotalVnd,
        item.map((p) => p.quantityMilli),
      ),
    );
    start = end;
  }
  return gross;
}

/**
 * Per member and listing: units, gross, fee share, refunds and net owed (gross − fee − refunds).
 * `parts` are the allocations of fulfilments delivered in the range (the sales); `refunds` the
 * refunds after delivery created in the range, and `refundedParts` the allocations of every
 * fulfilment they refund (delivered in the range or before). Members are ordered by name (the
 * cooperative's own stock last), lines by listing title.
 */
export function computeMemberSales(
  parts: readonly SalePart[],
  feeBasisPoints: number,
  refunds: { refunds: readonly SaleRefund[]; refundedParts: readonly SalePart[] } = { refunds: [], refundedParts: [] },
): SalesComputation {
  const byFulfilment = new Map<string, SalePart[]>();
  for (const part of parts) {
    const list = byFulfilment.get(part.fulfilmentId) ?? [];
    list.push(part);
    byFulfilment.set(part.fulfilmentId, list);
  }
  const groups = new Map<string, MemberSalesGroup>();
  const lineOf = new Map<string, SalesLine>();
  const credit = (part: SalePart, share: Omit<Totals, 'netVnd'>) => {
    const groupKey = part.memberId ?? '';
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        member: part.memberId ? { id: part.memberId, name: part.memberName ?? '' } : null,
        lines: [],
        totals: emptyTotals(),
      };
      groups.set(groupKey, group);
    }
    const lineKey = `${groupKey}|${part.listingId}`;
    let line = lineOf.get(lineKey);
    if (!line) {
      line = { listingId: part.listingId, title: part.title, unit: part.unit, ...emptyTotals() };
      lineOf.set(lineKey, line);
      group.lines.push(line);
    }
    const full = { ...share, netVnd: share.grossVnd - share.feeVnd - share.refundsVnd };
    add(line, full);
    add(group.totals, full);
  };

  for (const fulfilmentParts of byFulfilment.values()) {
    fulfilmentParts.sort(byItemThenLot);
    const gross = grossOf(fulfilmentParts);
    const fee = feeOf(
      gross.reduce((a, b) => a + b, 0),
      feeBasisPoints,
    );
    const fees = splitByLargestRemainder(fee, gross);
    fulfilmentParts.forEach((part, i) => {
      credit(part, { quantityMilli: part.quantityMilli, grossVnd: gross[i]!, feeVnd: fees[i]!, refundsVnd: 0 });
    });
  }

  // Refunds: split over the refunded item's allocations (or the whole fulfilment's) by gross.
  const refundedByFulfilment = new Map<string, SalePart[]>();
  for (const part of refunds.refundedParts) {
    const list = refundedByFulfilment.get(part.fulfilmentId) ?? [];
    list.push(part);
    refundedByFulfilment.set(part.fulfilmentId, list);
  }
  const sortedRefunds = [...refunds.refunds].sort((a, b) => a.refundId.localeCompare(b.refundId));
  for (const refund of sortedRefunds) {
    const over = (refundedByFulfilment.get(refund.fulfilmentId) ?? [])
      .filter((p) => refund.orderItemId === null || p.orderItemId === refund.orderItemId)
      .sort(byItemThenLot);
    const gross = grossOf(over);
    if (gross.reduce((a, b) => a + b, 0) <= 0) {
      // Every item takes its units from lots when the order is placed, so this is a broken invariant.
      throw new Error(`refund ${refund.refundId} has no lot allocations to attribute it to`);
    }
    const shares = splitByLargestRemainder(refund.amountVnd, gross);
    over.forEach((part, i) => {
      // A lot whose share rounds to nothing gets no line of zeros.
      if (shares[i]! > 0) credit(part, { quantityMilli: 0, grossVnd: 0, feeVnd: 0, refundsVnd: shares[i]! });
    });
  }
  const members = [...groups.values()].sort((a, b) =>
    a.member === null ? 1 : b.member === null ? -1 : a.member.name.localeCompare(b.member.name, 'vi'),
  );
  const totals = emptyTotals();
  for (const group of members) {
    group.lines.sort((a, b) => a.title.localeCompare(b.title, 'vi') || a.listingId.localeCompare(b.listingId));
    add(totals, group.totals);
  }
  return { members, totals, fulfilments: byFulfilment.size };
}
