import QRCode from 'qrcode';

// Error correction M (15 %) is what bank apps' own VietQR codes use: enough to survive a smudged
// print or a cracked screen, while a ~110-character payload stays a version 5–6 code that cheap
// phone cameras read at arm's length. The 4-module quiet zone is the QR standard's minimum.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The QR code of `payload` as a standalone SVG document. */
export async function renderQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { ...QR_OPTIONS, type: 'svg' });
}

/** The QR code of `payload` as a `data:image/png;base64,...` URL, `scale` pixels per module. */
export async function renderQrPngDataUrl(payload: string, options: { scale?: number } = {}): Promise<string> {
  return QRCode.toDataURL(payload, { ...QR_OPTIONS, type: 'image/png', scale: options.scale ?? 8 });
}
