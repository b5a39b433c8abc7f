import { foldVietnamese } from '@nongsan/vn';
import { crc16Hex } from './crc16.ts';
import { VietQrError } from './errors.ts';

// VietQR (NAPAS 247) is an EMVCo merchant-presented QR code: a string of TLV data objects, each
// a two-digit id, a two-digit length and the value. The fields nongsan writes, in this order:
//
//   00 payload format indicator  "01"
//   01 point of initiation       "11" static (no amount) | "12" dynamic (with amount)
//   38 merchant account info     00 GUID "A000000727" (NAPAS)
//                                01 beneficiary organisation: 00 acquirer BIN (6 digits),
//                                                             01 account number
//                                02 service code "QRIBFTTA" (transfer to an account)
//   53 transaction currency      "704" (VND, ISO 4217 numeric)
//   54 transaction amount        integer đồng
//   58 country code              "VN"
//   62 additional data           08 purpose of transaction (our reference)
//   63 CRC                       CRC-16/CCITT-FALSE over everything before it, "6304" included
//
// Lengths count characters; the builder accepts printable ASCII only, so characters and bytes
// agree and every bank app reads the same lengths.

export const NAPAS_GUID = 'A000000727';
export const VIETQR_SERVICE_ACCOUNT = 'QRIBFTTA';
export const VIETQR_SERVICE_CARD = 'QRIBFTTC';
export const VND_NUMERIC_CODE = '704';

/** EMVCo caps the purpose of transaction (62-08) at 25 characters. */
const MAX_PURPOSE_LENGTH = 25;
/** EMVCo caps the amount (54) at 13 characters. */
const MAX_AMOUNT_DIGITS = 13;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export type TlvField = { id: string; value: string };

/** One data object: id, two-digit length, value. */
export function encodeTlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new VietQrError(`TLV id must be two digits, got ${JSON.stringify(id)}`);
  if (value.length < 1 || value.length > 99) {
    throw new VietQrError(`TLV ${id}: value length must be 1–99, got ${value.length}`);
  }
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Splits a TLV string into its data objects, in order. @throws VietQrError when truncated. */
export function decodeTlv(text: string): TlvField[] {
  const fields: TlvField[] = [];
  let at = 0;
  while (at < text.length) {
    const header = text.slice(at, at + 4);
    if (!/^\d{4}$/.test(header)) throw new VietQrError(`bad TLV header at position ${at}: ${JSON.stringify(header)}`);
    const id = header.slice(0, 2);
    const length = Number(header.slice(2));
    const value = text.slice(at + 4, at + 4 + length);
    if (length === 0 || value.length !== length) {
      throw new VietQrError(`TLV ${id} at position ${at} declares ${length} characters, ${value.length} remain`);
    }
    fields.push({ id, value });
    at += 4 + length;
  }
  return fields;
}

export type VietQrInput = {
  /** The bank's 6-digit NAPAS BIN (acquirer id), e.g. 970436 for Vietcombank. */
  bankBin: string;
  accountNumber: string;
  /** Integer đồng; present → dynamic QR ("12") with field 54, absent → static QR ("11"). */
  amountVnd?: number | null;
  /** Printable ASCII, at most 25 characters (the transfer description the bank app pre-fills). */
  purpose?: string | null;
  /** Defaults to QRIBFTTA (transfer to an account). */
  serviceCode?: typeof VIETQR_SERVICE_ACCOUNT | typeof VIETQR_SERVICE_CARD;
};

/** Builds the VietQR string for a transfer to a bank account. @throws VietQrError */
export function buildVietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new VietQrError(`bank BIN must be 6 digits, got ${input.bankBin}`);
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) {
    throw new VietQrError('account number must be 1–19 letters or digits');
  }
  const amount = input.amountVnd ?? null;
  if (amount !== null) {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new VietQrError(`amount must be a positive whole number of đồng, got ${amount}`);
    }
    if (String(amount).length > MAX_AMOUNT_DIGITS) throw new VietQrError(`amount ${amount} has too many digits`);
  }
  const purpose = input.purpose ?? null;
  if (
    purpose !== null &&
    (purpose.length === 0 || purpose.length > MAX_PURPOSE_LENGTH || !PRINTABLE_ASCII.test(purpose))
  ) {
    throw new VietQrError(`purpose must be 1–${MAX_PURPOSE_LENGTH} printable ASCII characters`);
  }

  const beneficiary = encodeTlv('00', input.bankBin) + encodeTlv('01', input.accountNumber);
  const merchant =
    encodeTlv('00', NAPAS_GUID) +
    encodeTlv('01', beneficiary) +
    encodeTlv('02', input.serviceCode ?? VIETQR_SERVICE_ACCOUNT);
  const body =
    encodeTlv('00', '01') +
    encodeTlv('01', amount === null ? '11' : '12') +
    encodeTlv('38', merchant) +
    encodeTlv('53', VND_NUMERIC_CODE) +
    (amount === null ? '' : encodeTlv('54', String(amount))) +
    encodeTlv('58', 'VN') +
    (purpose === null ? '' : encodeTlv('62', encodeTlv('08', purpose)));
  const withCrcHeader = `${body}6304`;
  return withCrcHeader + crc16Hex(withCrcHeader);
}

export type ParsedVietQr = {
  initiation: 'static' | 'dynamic';
  bankBin: string;
  accountNumber: string;
  serviceCode: string;
  currency: string;
  /** Integer đồng, or null for a static QR without an amount. */
  amountVnd: number | null;
  country: string;
  purpose: string | null;
  crc: string;
  /** Every root data object in order, CRC included, for fields this parser does not name. */
  fields: TlvField[];
};

function single(fields: TlvField[], id: string, where: string): string | null {
  const found = fields.filter((field) => field.id === id);
  if (found.length > 1) throw new VietQrError(`${where}: field ${id} appears ${found.length} times`);
  return found[0]?.value ?? null;
}

function required(fields: TlvField[], id: string, where: string): string {
  const value = single(fields, id, where);
  if (value === null) throw new VietQrError(`${where}: field ${id} is missing`);
  return value;
}

/**
 * Decodes a VietQR string and checks it: CRC first (a damaged scan is rejected before anything
 * in it is believed), then the NAPAS fields. @throws VietQrError
 */
export function parseVietQrPayload(payload: string): ParsedVietQr {
  if (!PRINTABLE_ASCII.test(payload)) throw new VietQrError('payload is not printable ASCII');
  const crcAt = payload.length - 8;
  if (crcAt < 0 || payload.slice(crcAt, crcAt + 4) !== '6304') {
    throw new VietQrError('payload does not end with a CRC field (6304….)');
  }
  const crc = payload.slice(crcAt + 4).toUpperCase();
  const computed = crc16Hex(payload.slice(0, crcAt + 4));
  if (crc !== computed) throw new VietQrError(`CRC mismatch: payload says ${crc}, content gives ${computed}`);

  const fields = decodeTlv(payload);
  if (fields.at(-1)?.id !== '63') throw new VietQrError('the CRC field is not the last data object');
  if (required(fields, '00', 'root') !== '01') throw new VietQrError('payload format indicator is not 01');
  const initiationCode = single(fields, '01', 'root');
  if (initiationCode !== null && initiationCode !== '11' && initiationCode !== '12') {
    throw new VietQrError(`unknown point of initiation ${initiationCode}`);
  }

  const merchant = decodeTlv(required(fields, '38', 'root'));
  if (required(merchant, '00', 'field 38') !== NAPAS_GUID) throw new VietQrError('field 38 is not a NAPAS account');
  const beneficiary = decodeTlv(required(merchant, '01', 'field 38'));
  const bankBin = required(beneficiary, '00', 'field 38-01');
  if (!/^\d{6}$/.test(bankBin)) throw new VietQrError(`bank BIN must be 6 digits, got ${bankBin}`);

  const amountText = single(fields, '54', 'root');
  if (amountText !== null && !/^\d{1,13}$/.test(amountText)) {
    throw new VietQrError(`amount ${JSON.stringify(amountText)} is not a whole number of đồng`);
  }
  const additional = single(fields, '62', 'root');

  return {
    initiation: initiationCode === '12' ? 'dynamic' : 'static',
    bankBin,
    accountNumber: required(beneficiary, '01', 'field 38-01'),
    serviceCode: required(merchant, '02', 'field 38'),
    currency: required(fields, '53', 'root'),
    amountVnd: amountText === null ? null : Number(amountText),
    country: required(fields, '58', 'root'),
    purpose: additional === null ? null : single(decodeTlv(additional), '08', 'field 62'),
    crc,
    fields,
  };
}

/** The longest reference every bank keeps intact in the transfer description. */
export const MAX_REFERENCE_LENGTH = 19;

/**
 * Text a bank transfer description can carry: Vietnamese folded to ASCII (`Chè` → `che`),
 * everything but letters, digits and spaces dropped, spaces collapsed.
 */
export function sanitizeTransferText(text: string): string {
  return foldVietnamese(text)
    .replace(/[^A-Za-z0-9 ]+/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * The transfer reference for an order: `prefix` + order code, upper case, letters and digits only
 * (no spaces: some banks drop or move them). Statement rows are matched by finding it as a whole
 * word in the description. @throws VietQrError when longer than 19 characters or empty.
 */
export function buildTransferReference(orderCode: string, prefix = 'NS'): string {
  const code = sanitizeTransferText(orderCode).replaceAll(' ', '').toUpperCase();
  const reference = `${sanitizeTransferText(prefix).replaceAll(' ', '').toUpperCase()}${code}`;
  if (code.length === 0) throw new VietQrError(`order code ${JSON.stringify(orderCode)} has no letters or digits`);
  if (reference.length > MAX_REFERENCE_LENGTH) {
    throw new VietQrError(`reference ${reference} is longer than ${MAX_REFERENCE_LENGTH} characters`);
  }
  return reference;
}
