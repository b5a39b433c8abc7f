import type { BankAccount, OwedSellers, Payout, PayoutCreate, SellerBalance } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { encodeCsvForExcel } from '@nongsan/vn/csv';
import { AppError } from '../../errors.ts';
import { requireAccess, requireOperator } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { computeBalance } from './balance.ts';
import * as repo from './payments.repo.ts';
import type { SettleDeps } from './settlement.ts';

// Seller balances and payouts: the marketplace collects the online money and pays each seller
// what it is owed by bank transfer, in batches an operator makes from the payout report.

/** Entries listed with a balance: the latest; the totals count every one. */
const MAX_ENTRIES = 200;

const toBankAccount = (row: repo.BankAccountRow | null): BankAccount | null =>
  row
    ? { bankBin: row.bankBin, bankName: row.bankName, accountNumber: row.accountNumber, accountName: row.accountName }
    : null;

const toPayout = (row: repo.PayoutRow): Payout => ({
  id: row.id,
  sellerId: row.sellerId,
  amountVnd: row.amountVnd,
  reference: row.reference,
  paidAt: row.paidAt.toISOString(),
});

/** Each seller's balance, from one read of the rows that count (all sellers, or `sellerIds`). */
async function balancesOf(
  deps: SettleDeps,
  db: Parameters<typeof repo.findBalanceRows>[0],
  sellerIds: string[] | null,
) {
  const [rows, payouts] = await Promise.all([repo.findBalanceRows(db, sellerIds), repo.findPayouts(db, sellerIds)]);
  const ids = new Set([...rows.map((r) => r.sellerId), ...payouts.map((p) => p.sellerId), ...(sellerIds ?? [])]);
  return new Map(
    [...ids].map((sellerId) => [
      sellerId,
      {
        ...computeBalance(
          rows.filter((r) => r.sellerId === sellerId),
          payouts.filter((p) => p.sellerId === sellerId).map((p) => p.amountVnd),
          deps.env.platformFeeBasisPoints,
        ),
        payouts: payouts.filter((p) => p.sellerId === sellerId),
      },
    ]),
  );
}

/** What the marketplace owes a seller (its owner and cooperative managers; others 404). */
export async function getSellerBalance(deps: SettleDeps, user: SessionUser, sellerId: string): Promise<SellerBalance> {
  await requireAccess(deps.db, user, 'seller.manage', sellerId);
  const [balances, bankAccount] = await Promise.all([
    balancesOf(deps, deps.db, [sellerId]),
    repo.findBankAccount(deps.db, sellerId),
  ]);
  const balance = balances.get(sellerId)!;
  return {
    sellerId,
    paidVnd: balance.paidVnd,
    feeVnd: balance.feeVnd,
    refundsVnd: balance.refundsVnd,
    cashHeldVnd: balance.cashHeldVnd,
    payoutsVnd: balance.payoutsVnd,
    owedVnd: balance.owedVnd,
    feePercent: deps.env.platformFeeBasisPoints / 100,
    bankAccount: toBankAccount(bankAccount),
    payouts: balance.payouts.map(toPayout),
    entries: balance.entries.slice(0, MAX_ENTRIES),
  };
}

/** Where the seller is paid out to (its owner and cooperative managers; others 404). */
export async function setBankAccount(
  deps: SettleDeps,
  user: SessionUser,
  sellerId: string,
  input: BankAccount,
): Promise<{ sellerId: string; bankAccount: BankAccount }> {
  await requireAccess(deps.db, user, 'seller.manage', sellerId);
  const now = deps.clock.now();
  const bankAccount = { ...input, accountNumber: input.accountNumber.toUpperCase() };
  await repo.upsertBankAccount(deps.db, {
    sellerId,
    ...bankAccount,
    updatedByUserId: user.userId,
    createdAt: now,
    updatedAt: now,
  });
  return { sellerId, bankAccount };
}

/**
 * An operator records a transfer made to a seller. Never more than is owed (409, with what is):
 * the seller row is locked, so two payouts recorded at once are checked one after the other.
 */
export async function recordPayout(
  deps: SettleDeps,
  user: SessionUser,
  input: PayoutCreate,
): Promise<{ payout: Payout; owedVnd: number }> {
  requireOperator(user);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await repo.lockSeller(tx, input.sellerId))) throw new AppError('NOT_FOUND', { message: 'seller not found' });
    const [balances, bankAccount] = await Promise.all([
      balancesOf(deps, tx, [input.sellerId]),
      repo.findBankAccount(tx, input.sellerId),
    ]);
    const { owedVnd } = balances.get(input.sellerId)!;
    if (input.amountVnd > owedVnd) {
      throw new AppError('CONFLICT', {
        message: `the marketplace owes this seller ${Math.max(owedVnd, 0)} đồng; a payout cannot be more`,
        details: { owedVnd, amountVnd: input.amountVnd },
      });
    }
    const payout = await repo.insertPayout(tx, {
      id: newId('pyo'),
      sellerId: input.sellerId,
      amountVnd: input.amountVnd,
      reference: input.reference,
      // The account it went to, as it was: a seller changing accounts later changes nothing here.
      bankBin: bankAccount?.bankBin ?? null,
      bankName: bankAccount?.bankName ?? null,
      accountNumber: bankAccount?.accountNumber ?? null,
      accountName: bankAccount?.accountName ?? null,
      recordedByUserId: user.userId,
      paidAt: now,
    });
    return { payout: toPayout(payout), owedVnd: owedVnd - input.amountVnd };
  });
}

/** Every seller the marketplace owes money, by name, with its owner's phone and its bank account. */
export async function listOwedSellers(deps: SettleDeps, user: SessionUser): Promise<OwedSellers> {
  requireOperator(user);
  const balances = await balancesOf(deps, deps.db, null);
  const owed = [...balances].filter(([, b]) => b.owedVnd > 0).map(([sellerId]) => sellerId);
  const sellers = await repo.findSellersForPayouts(deps.db, owed);
  return {
    sellers: sellers.map((seller) => ({
      sellerId: seller.id,
      name: seller.name,
      phone: seller.phone,
      owedVnd: balances.get(seller.id)!.owedVnd,
      bankAccount: toBankAccount(seller.bankAccount),
    })),
  };
}

export const PAYOUT_REPORT_HEADER = [
  'Người bán (seller)',
  'Điện thoại (phone)',
  'Ngân hàng (bank)',
  'Số tài khoản (account)',
  'Chủ tài khoản (account_name)',
  'Số tiền (owed_vnd)',
];

/**
 * The payout batch as a CSV Excel opens with Vietnamese intact (UTF-8 with BOM, every cell
 * quoted, would-be formulas defused: a seller named `=HYPERLINK(…)` stays text): every seller
 * owed money, with its bank. A seller without a bank account is listed with empty bank cells.
 */
export async function payoutReportCsv(
  deps: SettleDeps,
  user: SessionUser,
): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> }> {
  const { sellers } = await listOwedSellers(deps, user);
  const rows = sellers.map((seller) => {
    const bank = seller.bankAccount;
    return [
      seller.name,
      seller.phone,
      bank ? `${bank.bankName} (${bank.bankBin})` : '',
      bank?.accountNumber ?? '',
      bank?.accountName ?? '',
      seller.owedVnd,
    ];
  });
  return {
    filename: `chi-tra-nguoi-ban-${vnDate(deps.clock.now())}.csv`,
    bytes: encodeCsvForExcel([PAYOUT_REPORT_HEADER, ...rows]),
  };
}
