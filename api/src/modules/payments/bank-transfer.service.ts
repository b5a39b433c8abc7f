import type { BankTransferListQuery, BankTransferPage, BankTransferReceived, Order } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { renderQrSvg } from '@nongsan/payments';
import { AppError } from '../../errors.ts';
import { requireOperator } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { getOrder, lockOrderWithFulfilments } from '../orders/index.ts';
import { creditTransfer, lockBankPayment } from './bank-transfer-credit.ts';
import * as transfersRepo from './bank-transfers.repo.ts';
import { transferReference } from './payment-views.ts';
import * as repo from './payments.repo.ts';
import type { SettleDeps } from './settlement.ts';

// Bank transfers to the marketplace's account: the buyer scans the order's VietQR code; the money
// is recorded by an operator (one transfer seen in the banking app) or by importing the account's
// statement. Only a credit of exactly what the order still owes pays it; anything else is recorded
// and flagged for a person, never accepted silently.
//
// This file: an operator marks a transfer seen, the order's QR code, the operator's list. The
// statement import is bank-statement-import.service.ts.

/**
 * An operator saw a transfer for this order arrive. Each call records one credit; the order must
 * still be waiting for its money (or cancelled: money after the deadline is owed back), so a
 * repeated tap after it was paid is 409, never a second credit.
 */
export async function markTransferReceived(
  deps: SettleDeps,
  user: SessionUser,
  orderId: string,
  input: BankTransferReceived,
): Promise<{ order: Order }> {
  requireOperator(user);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, orderId);
    if (!locked) throw new AppError('NOT_FOUND', { message: 'order not found' });
    const { order } = locked;
    if (order.paymentMethod !== 'bank_transfer') {
      throw new AppError('CONFLICT', {
        message: 'this order is not paid by bank transfer',
        details: { method: order.paymentMethod },
      });
    }
    if (order.paidAt !== null) {
      throw new AppError('CONFLICT', {
        message: 'this order is already paid',
        details: { status: order.paymentStatus },
      });
    }
    const payment = await lockBankPayment(tx, order, deps.env, now);
    const eventRowId = newId('pev');
    await repo.insertEvent(tx, {
      id: eventRowId,
      provider: 'bank_transfer',
      eventId: `manual:${eventRowId}`,
      type: 'bank.received',
      paymentId: payment.id,
      orderId,
      amountVnd: input.amountVnd,
      outcome: 'applied',
      summary: { amountVnd: input.amountVnd, note: input.note ?? null },
      actorUserId: user.userId,
      occurredAt: now,
      receivedAt: now,
    });
    const result = await creditTransfer(deps, tx, payment, {
      amountVnd: input.amountVnd,
      note: input.note ?? null,
      now,
    });
    if (result === 'flagged') await repo.updateEvent(tx, eventRowId, { outcome: 'flagged' });
  });
  return { order: await getOrder(deps, user, orderId) };
}

/**
 * The VietQR code of the order, for its buyer and operators (its sellers, anyone else and other
 * methods: 404): it carries the whole order's amount, which is not a seller's to see.
 */
export async function renderOrderQr(deps: SettleDeps, user: SessionUser, orderId: string): Promise<string> {
  const order = await getOrder(deps, user, orderId);
  const transfer = order.payment.bankTransfer;
  if (order.payment.method !== 'bank_transfer' || !transfer) {
    throw new AppError('NOT_FOUND', { message: 'this order has no bank transfer to pay' });
  }
  return renderQrSvg(transfer.qrPayload);
}

/** Bank-transfer orders for the operator: awaiting money, flagged for a look, or all. */
export async function listBankTransfers(
  deps: SettleDeps,
  user: SessionUser,
  query: BankTransferListQuery,
): Promise<BankTransferPage> {
  requireOperator(user);
  const { rows, total } = await transfersRepo.listBankTransferOrders(deps.db, {
    status: query.status,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return {
    transfers: rows.map(({ order, buyerPhone, payment }) => ({
      orderId: order.id,
      orderCode: order.code,
      reference: transferReference(deps.env, order.code),
      buyerPhone,
      totalVnd: order.totalVnd,
      receivedVnd: payment?.receivedVnd ?? 0,
      status: order.paymentStatus,
      flagged: payment?.flagReason ? { reason: payment.flagReason, note: payment.flagNote } : null,
      deadlineAt: order.paymentDeadlineAt?.toISOString() ?? null,
      createdAt: order.createdAt.toISOString(),
    })),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}
