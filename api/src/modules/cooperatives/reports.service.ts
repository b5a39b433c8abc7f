import {
  type CooperativeMe,
  type CooperativeMeQuery,
  type DateRangeQuery,
  findUnit,
  fromMilli,
  type MemberSalesCsvQuery,
  type MemberSalesReport,
  type PackingFulfilment,
  type PackingList,
  type PackingListQuery,
} from '@nongsan/contracts';
import { type CsvCell, encodeCsvForExcel } from '@nongsan/vn/csv';
import { PROVINCES } from '@nongsan/vn/provinces';
import { slugify } from '@nongsan/vn/text';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { addDays, vnDate, vnDayStart } from '../../lib/dates.ts';
import { requireCooperative, requireOwnMembership } from './cooperatives.access.ts';
import { computeMemberSales, type SalesLine, type Totals } from './member-sales.ts';
import * as repo from './reports.repo.ts';
import type { CsvFile } from './stock.service.ts';

type ReportDeps = Pick<Deps, 'db' | 'clock' | 'env'>;

const unitOf = (id: string) => findUnit(id) ?? { id, vi: id, en: id };
const provinceRef = (id: string) => ({ id, name: PROVINCES.find((p) => p.id === id)?.name ?? id });

/** Vietnam days `from`..`to`, both included, as the instants [start, end). */
const rangeOf = (from: string, to: string) => ({ start: vnDayStart(from), end: vnDayStart(addDays(to, 1)) });

const feePercent = (basisPoints: number) => basisPoints / 100;

function notesFor(basisPoints: number) {
  return [
    {
      en: 'Sales are fulfilments delivered between from and to (Vietnam days, both included). Each unit is credited to the member whose lot the order took it from, at the price the buyer paid.',
      vi: 'Doanh số gồm các đơn đã giao từ ngày bắt đầu đến ngày kết thúc (tính cả hai ngày). Mỗi đơn vị hàng được tính cho thành viên có lô hàng mà đơn đã lấy, theo giá người mua trả.',
    },
    {
      en: `Platform fee ${feePercent(basisPoints)} % per delivered fulfilment, on its goods (not delivery), rounded half up to the đồng, then shared among the fulfilment's lots by the largest-remainder method, so the members' shares add up to the fee exactly.`,
      vi: `Phí sàn ${feePercent(basisPoints)} % trên tiền hàng của mỗi đơn đã giao (không tính phí giao hàng), làm tròn đến đồng, rồi chia cho các lô của đơn theo phương pháp phần dư lớn nhất để tổng phần của các thành viên đúng bằng phí.`,
    },
    {
      en: "Refunds are money given back to buyers after delivery, counted on the day they were made (a refund of an earlier period's sale shows as a line with quantity 0). Each is shared among the lots of the refunded item (or of the whole order part) in proportion to their sales, by the largest-remainder method. The platform fee stays as charged on the sale. Net = gross − fee − refunds.",
      vi: 'Hoàn tiền là tiền trả lại người mua sau khi giao, tính vào ngày hoàn (hoàn tiền cho hàng bán ở kỳ trước hiện thành một dòng có số lượng 0). Mỗi khoản được chia cho các lô của mặt hàng được hoàn (hoặc của cả đơn) theo tỷ lệ doanh thu, bằng phương pháp phần dư lớn nhất. Phí sàn vẫn tính trên hàng đã bán. Thực nhận = doanh thu − phí sàn − hoàn tiền.',
    },
  ];
}

/**
 * The cooperative's sales for a range: fulfilments delivered in it, and refunds after delivery
 * made in it (with the allocations of the fulfilments they refund, whenever those were delivered).
 */
async function salesOf(deps: ReportDeps, cooperativeId: string, from: string, to: string) {
  const range = rangeOf(from, to);
  const [parts, refunds] = await Promise.all([
    repo.findDeliveredSaleParts(deps.db, cooperativeId, range),
    repo.findRefundsAfterDelivery(deps.db, cooperativeId, range),
  ]);
  const refundedParts = await repo.findSalePartsOfFulfilments(deps.db, cooperativeId, [
    ...new Set(refunds.map((r) => r.fulfilmentId)),
  ]);
  return computeMemberSales(parts, deps.env.platformFeeBasisPoints, { refunds, refundedParts });
}

const toLine = ({ quantityMilli, ...line }: SalesLine) => ({
  ...line,
  quantity: fromMilli(quantityMilli),
  unit: unitOf(line.unit),
});
/** Added up in thousandths, shown as a decimal. */
const toTotals = ({ quantityMilli, ...totals }: Totals) => ({ ...totals, quantity: fromMilli(quantityMilli) });

/**
 * Sales per member for a range (managers only): per listing the units, gross, fee share, refunds
 * and net owed, exact to the đồng. See member-sales.ts for the arithmetic.
 */
export async function getMemberSalesReport(
  deps: ReportDeps,
  user: SessionUser,
  cooperativeId: string,
  range: DateRangeQuery,
): Promise<MemberSalesReport> {
  const { cooperative } = await requireCooperative(deps.db, cooperativeId, user, 'cooperative.manage');
  const basisPoints = deps.env.platformFeeBasisPoints;
  const sales = await salesOf(deps, cooperativeId, range.from, range.to);
  return {
    cooperative: { id: cooperative.id, name: cooperative.name },
    from: range.from,
    to: range.to,
    platformFeePercent: feePercent(basisPoints),
    fulfilments: sales.fulfilments,
    members: sales.members.map((m) => ({ member: m.member, lines: m.lines.map(toLine), totals: toTotals(m.totals) })),
    totals: toTotals(sales.totals),
    notes: notesFor(basisPoints),
  };
}

const REPORT_COLUMNS = [
  'Mã thành viên (member_id)',
  'Thành viên (member_name)',
  'Mã sản phẩm (listing_id)',
  'Sản phẩm (listing_title)',
  'Đơn vị (unit)',
  'Số lượng bán (quantity)',
  'Doanh thu (gross_vnd)',
  'Phí sàn (fee_vnd)',
  'Hoàn tiền (refunds_vnd)',
  'Thực nhận (net_vnd)',
];

/** The same report as CSV: a row per member and listing, a total row per member, and a grand total. */
export async function exportMemberSalesCsv(
  deps: ReportDeps,
  user: SessionUser,
  cooperativeId: string,
  query: MemberSalesCsvQuery,
): Promise<CsvFile> {
  const report = await getMemberSalesReport(deps, user, cooperativeId, { from: query.from, to: query.to });
  const money = (t: { quantity: number; grossVnd: number; feeVnd: number; refundsVnd: number; netVnd: number }) => [
    t.quantity,
    t.grossVnd,
    t.feeVnd,
    t.refundsVnd,
    t.netVnd,
  ];
  const rows: CsvCell[][] = [REPORT_COLUMNS];
  for (const group of report.members) {
    const id = group.member?.id ?? '';
    const name = group.member?.name ?? 'Hàng của hợp tác xã (không theo thành viên)';
    for (const line of group.lines) rows.push([id, name, line.listingId, line.title, line.unit.vi, ...money(line)]);
    rows.push([id, name, '', 'Tổng thành viên', '', ...money(group.totals)]);
  }
  rows.push(['', 'TỔNG CỘNG', '', '', '', ...money(report.totals)]);
  return {
    filename: `doanh-thu-thanh-vien-${slugify(report.cooperative.name) || 'htx'}-${query.from}-${query.to}.csv`,
    bytes: encodeCsvForExcel(rows, query.separator === 'semicolon' ? ';' : ','),
  };
}

/**
 * A member's own page: their lots, and their sales and earnings for a range (default: this month
 * so far). Computed from the whole cooperative's report, so their figures are exactly the ones the
 * manager pays out, but only their own group leaves this function.
 */
export async function getCooperativeMe(
  deps: ReportDeps,
  user: SessionUser,
  cooperativeId: string,
  query: CooperativeMeQuery,
): Promise<CooperativeMe> {
  const { cooperative, member } = await requireOwnMembership(deps.db, cooperativeId, user);
  const today = vnDate(deps.clock.now());
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? `${to.slice(0, 8)}01`;
  if (to < from) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'to is before from',
      details: [{ path: 'to', code: 'custom', message: 'to is before from' }],
    });
  }
  const basisPoints = deps.env.platformFeeBasisPoints;
  const own = (await salesOf(deps, cooperativeId, from, to)).members.find((m) => m.member?.id === member.id);
  const lots = await repo.findLotsOfMember(deps.db, member.id);
  return {
    cooperative: { id: cooperative.id, name: cooperative.name },
    member: { id: member.id, name: member.name, role: member.role, displayPreference: member.displayPreference },
    lots: lots.map((lot) => ({
      id: lot.id,
      traceCode: lot.traceCode,
      listingId: lot.listingId,
      listingTitle: lot.listingTitle,
      unit: unitOf(lot.unit),
      quantity: fromMilli(lot.quantityMilli),
      onHand: fromMilli(lot.onHandMilli),
      sold: fromMilli(Number(lot.soldMilli)),
      harvestedAt: lot.harvestedAt,
      expiresAt: lot.expiresAt,
      isExpired: lot.expiresAt !== null && lot.expiresAt < today,
      receivedAt: lot.createdAt.toISOString(),
    })),
    sales: {
      from,
      to,
      platformFeePercent: feePercent(basisPoints),
      lines: (own?.lines ?? []).map(toLine),
      totals: toTotals(own?.totals ?? { quantityMilli: 0, grossVnd: 0, feeVnd: 0, refundsVnd: 0, netVnd: 0 }),
    },
  };
}

/**
 * What to pack on a day (managers and staff): every confirmed fulfilment not yet handed over, and
 * those handed over that day, split into pickup and delivery, with the lots each item takes and the
 * units to pack per listing. Delivery recipients are shown: the cooperative delivers to them.
 */
export async function getPackingList(
  deps: ReportDeps,
  user: SessionUser,
  cooperativeId: string,
  query: PackingListQuery,
): Promise<PackingList> {
  const { cooperative } = await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  const date = query.date ?? vnDate(deps.clock.now());
  const rows = await repo.findPackingFulfilments(deps.db, cooperativeId, rangeOf(date, date));
  const items = await repo.findPackingItems(
    deps.db,
    rows.map((r) => r.id),
  );
  const totals = new Map<string, PackingList['totals'][number]>();
  // Added up in thousandths, then written as decimals.
  const totalMilli = new Map<string, number>();
  const fulfilments = rows.map((row): PackingFulfilment & { method: string } => {
    const byItem = new Map<string, PackingFulfilment['items'][number]>();
    for (const item of items.filter((i) => i.fulfilmentId === row.id)) {
      let entry = byItem.get(item.orderItemId);
      if (!entry) {
        entry = {
          listingId: item.listingId,
          title: item.title,
          unit: unitOf(item.unit),
          quantity: fromMilli(item.quantityMilli),
          lots: [],
        };
        byItem.set(item.orderItemId, entry);
        if (row.status === 'confirmed') {
          const total = totals.get(item.listingId) ?? {
            listingId: item.listingId,
            title: item.title,
            unit: unitOf(item.unit),
            quantity: 0,
          };
          const milli = (totalMilli.get(item.listingId) ?? 0) + item.quantityMilli;
          totalMilli.set(item.listingId, milli);
          total.quantity = fromMilli(milli);
          totals.set(item.listingId, total);
        }
      }
      if (item.lotId && item.traceCode && item.lotQuantityMilli !== null) {
        entry.lots.push({
          lotId: item.lotId,
          traceCode: item.traceCode,
          quantity: fromMilli(item.lotQuantityMilli),
          expiresAt: item.expiresAt,
          member: item.memberId && item.memberName !== null ? { id: item.memberId, name: item.memberName } : null,
        });
      }
    }
    const isDelivery = row.deliveryMethod === 'delivery';
    return {
      method: row.deliveryMethod,
      fulfilmentId: row.id,
      orderId: row.orderId,
      orderCode: row.orderCode,
      status: row.status as PackingFulfilment['status'],
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      shippedAt: row.shippedAt?.toISOString() ?? null,
      buyer: { name: row.buyerName },
      pickup: isDelivery ? null : { address: row.pickupAddress, hours: row.pickupHours },
      recipient:
        isDelivery && row.recipientName && row.recipientPhone && row.provinceId && row.street
          ? {
              name: row.recipientName,
              phone: row.recipientPhone,
              province: provinceRef(row.provinceId),
              commune: row.commune,
              street: row.street,
            }
          : null,
      items: [...byItem.values()],
    };
  });
  const strip = ({ method: _method, ...rest }: PackingFulfilment & { method: string }) => rest;
  return {
    cooperative: { id: cooperative.id, name: cooperative.name },
    date,
    pickup: { fulfilments: fulfilments.filter((f) => f.method === 'pickup').map(strip) },
    delivery: { fulfilments: fulfilments.filter((f) => f.method === 'delivery').map(strip) },
    totals: [...totals.values()].sort((a, b) => a.title.localeCompare(b.title, 'vi')),
  };
}
