// Vietnamese banks a seller can be paid into, by NAPAS BIN (the 6 digits a VietQR code and a
// payout batch name a bank by). People know their bank by its short name, not its BIN, so the
// bank-account form offers this list; the BIN and the name sent to the API both come from it.
// Co-opBank first after the big four: the cooperatives' own bank.

export type Bank = { bin: string; name: string };

export const BANKS: readonly Bank[] = [
  { bin: '970405', name: 'Agribank' },
  { bin: '970436', name: 'Vietcombank' },
  { bin: '970415', name: 'VietinBank' },
  { bin: '970418', name: 'BIDV' },
  { bin: '970446', name: 'Co-opBank' },
  { bin: '970422', name: 'MB Bank' },
  { bin: '970407', name: 'Techcombank' },
  { bin: '970416', name: 'ACB' },
  { bin: '970432', name: 'VPBank' },
  { bin: '970423', name: 'TPBank' },
  { bin: '970403', name: 'Sacombank' },
  { bin: '970441', name: 'VIB' },
  { bin: '970443', name: 'SHB' },
  { bin: '970437', name: 'HDBank' },
  { bin: '970449', name: 'LPBank' },
  { bin: '970448', name: 'OCB' },
  { bin: '970426', name: 'MSB' },
  { bin: '970440', name: 'SeABank' },
  { bin: '970431', name: 'Eximbank' },
  { bin: '970428', name: 'Nam A Bank' },
  { bin: '970409', name: 'Bac A Bank' },
  { bin: '970425', name: 'ABBANK' },
  { bin: '970427', name: 'VietABank' },
  { bin: '970452', name: 'KienlongBank' },
  { bin: '970412', name: 'PVcomBank' },
  { bin: '970438', name: 'BaoViet Bank' },
  { bin: '970454', name: 'BVBank' },
  { bin: '970419', name: 'NCB' },
  { bin: '970430', name: 'PGBank' },
  { bin: '970433', name: 'Vietbank' },
  { bin: '970400', name: 'Saigonbank' },
  { bin: '970429', name: 'SCB' },
];

export function bankByBin(bin: string): Bank | null {
  return BANKS.find((b) => b.bin === bin) ?? null;
}
