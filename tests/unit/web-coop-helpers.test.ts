import { renderQrSvg } from '@nongsan/payments';
import { decodeQrSvg } from '@nongsan/payments/testing';
import { describe, expect, it } from 'vitest';
import { coopPath, isSafeQrSvg, labelsPath, tabsFor } from '../../web/src/lib/coop/console.ts';
import { protectedOrTaken } from '../../web/src/lib/server/member-form.ts';
import { checkReceive, type ReceiveValues } from '../../web/src/lib/server/receive-lot-form.ts';
import { reportRange } from '../../web/src/lib/server/report-range.ts';

// Pure helpers of the cooperative console (web/src/routes/hop-tac-xa): the QR markup it lets into
// the page, the receive form's checks, report ranges, and reading the API's member refusals.

describe('isSafeQrSvg: only a QR code drawn by renderQrSvg goes into the label page as markup', () => {
  it('accepts what the API sends, which still reads back as the trace address', async () => {
    const url = 'https://nongsan.example.vn/t/ab12cd34ef';
    const svg = await renderQrSvg(url);
    expect(isSafeQrSvg(svg)).toBe(true);
    expect(decodeQrSvg(svg)).toBe(url);
  });

  it.each([
    [
      'a script',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33" shape-rendering="crispEdges"><script>alert(1)</script></svg>',
    ],
    [
      'an event handler',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33" shape-rendering="crispEdges" onload="alert(1)"><path fill="#ffffff" d="M0 0h33v33H0z"/></svg>',
    ],
    [
      'a link',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33" shape-rendering="crispEdges"><a href="javascript:alert(1)"><path fill="#ffffff" d="M0 0h33v33H0z"/></a></svg>',
    ],
    [
      'a foreign object',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33" shape-rendering="crispEdges"><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
    ],
    [
      'a path breaking out of its attribute',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0" onclick="x"/></svg>',
    ],
    [
      'trailing markup',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h33v33H0z"/></svg><img src=x onerror=alert(1)>',
    ],
    ['nothing at all', ''],
  ])('refuses %s', (_, svg) => {
    expect(isSafeQrSvg(svg)).toBe(false);
  });
});

describe('console addresses', () => {
  it('builds page and label-sheet paths (the shape the stock page’s checkbox form sends)', () => {
    expect(coopPath('sel_a')).toBe('/hop-tac-xa/sel_a');
    expect(coopPath('sel_a', 'ton-kho')).toBe('/hop-tac-xa/sel_a/ton-kho');
    expect(labelsPath('sel_a', ['lot_1', 'lot_2'])).toBe('/hop-tac-xa/sel_a/tem?lo=lot_1&lo=lot_2');
  });

  it('shows each role its pages: staff no reports, a plain member only their own page', () => {
    const pages = (access: Parameters<typeof tabsFor>[0]) => tabsFor(access).map((t) => t.page);
    expect(pages({ canWork: true, canManage: true, memberId: 'mem_1' })).toContain('bao-cao');
    const staff = pages({ canWork: true, canManage: false, memberId: 'mem_2' });
    expect(staff).not.toContain('bao-cao');
    expect(staff).toEqual(expect.arrayContaining(['nhap-hang', 'ton-kho', 'thanh-vien', 'nhap-xuat', 'cua-toi']));
    expect(pages({ canWork: false, canManage: false, memberId: 'mem_3' })).toEqual(['cua-toi']);
  });
});

describe('checkReceive: the "Nhập hàng" form', () => {
  const today = '2026-11-27';
  const typed = (values: Partial<ReceiveValues>): ReceiveValues => ({
    listingId: 'lst_1',
    memberId: '',
    quantity: '7',
    harvestedAt: today,
    expiresAt: '',
    shelfLifeDays: '',
    ...values,
  });

  it('sends what was typed, with a member only when one was chosen', () => {
    expect(checkReceive(typed({ quantity: '1.200' }), today)).toEqual({
      ok: true,
      lot: { listingId: 'lst_1', quantity: 1200, harvestedAt: today },
    });
    expect(checkReceive(typed({ memberId: 'mem_tam', expiresAt: '2026-12-31' }), today)).toEqual({
      ok: true,
      lot: { listingId: 'lst_1', quantity: 7, harvestedAt: today, expiresAt: '2026-12-31', memberId: 'mem_tam' },
    });
  });

  it('turns a shelf life into the last day to sell, counted from the harvest', () => {
    const checked = checkReceive(typed({ harvestedAt: '2026-11-20', shelfLifeDays: '30' }), today);
    expect(checked).toEqual({
      ok: true,
      lot: { listingId: 'lst_1', quantity: 7, harvestedAt: '2026-11-20', expiresAt: '2026-12-20' },
    });
  });

  it.each([
    [{ listingId: '' }, 'listingId', 'coop.err.listing'],
    [{ quantity: '' }, 'quantity', 'coop.err.quantity'],
    [{ quantity: '0' }, 'quantity', 'coop.err.quantity'],
    [{ quantity: '-3' }, 'quantity', 'coop.err.quantity'],
    [{ quantity: '2,5 kg' }, 'quantity', 'coop.err.quantity'],
    [{ harvestedAt: '2026-11-28' }, 'harvestedAt', 'coop.err.harvestFuture'],
    [{ harvestedAt: 'hôm qua' }, 'harvestedAt', 'coop.err.date'],
    [{ expiresAt: '2026-11-26' }, 'expiresAt', 'coop.err.expiryPast'],
    [{ expiresAt: '2026-12-01', shelfLifeDays: '5' }, 'shelfLifeDays', 'coop.err.expiryBoth'],
    [{ shelfLifeDays: '0' }, 'shelfLifeDays', 'coop.err.shelfLife'],
    [{ shelfLifeDays: '3651' }, 'shelfLifeDays', 'coop.err.shelfLife'],
    [{ harvestedAt: '2026-10-01', shelfLifeDays: '10' }, 'shelfLifeDays', 'coop.err.expiryPast'],
  ])('%j: %s says %s', (values, field, key) => {
    const checked = checkReceive(typed(values), today);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.fields[field as keyof ReceiveValues]).toEqual({ key });
  });
});

describe('reportRange: ?tu=&den= of the report pages', () => {
  const at = (query: string) => reportRange(new URL(`http://x/bao-cao${query}`), '2026-11-27');

  it('is this month so far by default', () => {
    expect(at('')).toEqual({ from: '2026-11-01', to: '2026-11-27', isValid: true });
  });

  it('takes the days asked for, up to 366 of them', () => {
    expect(at('?tu=2026-01-01&den=2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31', isValid: true });
    expect(at('?tu=2025-11-27&den=2026-11-27').isValid).toBe(true);
    expect(at('?tu=2025-11-26&den=2026-11-27').isValid).toBe(false);
  });

  it('refuses an end before the start, and ignores what is not a date', () => {
    expect(at('?tu=2026-03-10&den=2026-03-01').isValid).toBe(false);
    expect(at('?tu=abc&den=2026-11-20')).toEqual({ from: '2026-11-01', to: '2026-11-20', isValid: true });
  });
});

describe('protectedOrTaken: the API’s 409 on a member form', () => {
  // The English message is for people and may change: these read `details.reason` only.
  const conflict = (reason: string | undefined, field: string) => ({
    message: 'any words at all',
    details: reason === undefined ? { field } : { reason, field },
  });

  it('a phone another member has is said at the phone field', () => {
    expect(protectedOrTaken(conflict('member_phone_taken', 'phone'))).toEqual({
      form: { key: 'err.form' },
      fields: { phone: { key: 'coop.err.phoneTaken' } },
    });
  });

  it("changing one's own (or the owner's) role, phone or status asks for another manager", () => {
    for (const field of ['role', 'phone', 'status']) {
      expect(protectedOrTaken(conflict('member_protected', field))).toEqual({
        form: { key: 'coop.err.protected' },
        fields: {},
      });
    }
  });

  it('without a reason it names no field rather than guess', () => {
    expect(protectedOrTaken(conflict(undefined, 'phone'))).toEqual({ form: { key: 'coop.err.protected' }, fields: {} });
    expect(protectedOrTaken({ details: 'not an object' })).toEqual({ form: { key: 'coop.err.protected' }, fields: {} });
  });
});
