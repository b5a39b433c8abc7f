// The cooperative console's pages and small helpers shared by its server and browser code.
// Isomorphic: no server imports, types only from the contracts.
import type { MessageKey } from '../i18n/vi/index.ts';

/** `/hop-tac-xa/<sellerId>` or one of its pages (`ton-kho`, `nhap-hang`…). */
export function coopPath(sellerId: string, page = ''): string {
  return `/hop-tac-xa/${encodeURIComponent(sellerId)}${page ? `/${page}` : ''}`;
}

/** The label sheet of some lots: `tem?lo=a&lo=b` (the shape a form of checkboxes named `lo` sends). */
export function labelsPath(sellerId: string, lotIds: readonly string[]): string {
  const query = new URLSearchParams();
  for (const id of lotIds) query.append('lo', id);
  return `${coopPath(sellerId, 'tem')}?${query}`;
}

export type CoopTab = {
  page: string;
  label: MessageKey;
  /** Who sees it: the day-to-day team, only managers, or anyone with a membership of their own. */
  need: 'worker' | 'manager' | 'ownMember';
};

export const COOP_TABS: readonly CoopTab[] = [
  { page: '', label: 'coop.tab.overview', need: 'worker' },
  { page: 'nhap-hang', label: 'coop.tab.receive', need: 'worker' },
  { page: 'ton-kho', label: 'coop.tab.stock', need: 'worker' },
  { page: 'thanh-vien', label: 'coop.tab.members', need: 'worker' },
  { page: 'nhap-xuat', label: 'coop.tab.csv', need: 'worker' },
  { page: 'bao-cao', label: 'coop.tab.reports', need: 'manager' },
  { page: 'dong-goi', label: 'coop.tab.packing', need: 'worker' },
  { page: 'cua-toi', label: 'coop.tab.mine', need: 'ownMember' },
];

export function tabsFor(access: { canWork: boolean; canManage: boolean; memberId: string | null }): CoopTab[] {
  return COOP_TABS.filter((tab) =>
    tab.need === 'worker' ? access.canWork : tab.need === 'manager' ? access.canManage : access.memberId !== null,
  );
}

// The QR code the API draws (packages/payments renderQrSvg: qrcode's SVG output) is put into the
// page as markup, so it is let through only in exactly that shape: one <svg> holding <path>s with a
// colour and plain path data. Nothing else (no script, no attribute that runs code, no link)
// can match, whatever the API were made to send.
const QR_SVG =
  /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d{1,4} \d{1,4}" shape-rendering="crispEdges">(?:<path (?:fill|stroke)="#[0-9a-fA-F]{6}" d="[MmHhVvZz0-9 .,-]+"\/>)+<\/svg>\s*$/;

export function isSafeQrSvg(svg: string): boolean {
  return svg.length < 200_000 && QR_SVG.test(svg);
}
