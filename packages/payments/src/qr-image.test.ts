import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderQrPngDataUrl, renderQrSvg } from './qr-image.ts';
import { decodeQrSvg } from './testing.ts';
import { buildTransferReference, buildVietQrPayload, parseVietQrPayload } from './vietqr.ts';

const payload = buildVietQrPayload({
  bankBin: '970436',
  accountNumber: '1017654321',
  amountVnd: 1_250_000,
  purpose: buildTransferReference('K7Q2MX'),
});

function decodePngDataUrl(dataUrl: string): string | null {
  const prefix = 'data:image/png;base64,';
  expect(dataUrl.startsWith(prefix)).toBe(true);
  const png = PNG.sync.read(Buffer.from(dataUrl.slice(prefix.length), 'base64'));
  return (
    jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)
      ?.data ?? null
  );
}

describe('renderQrPngDataUrl', () => {
  it('draws a PNG that a QR reader decodes back to the exact VietQR payload', async () => {
    const decoded = decodePngDataUrl(await renderQrPngDataUrl(payload));
    expect(decoded).toBe(payload);
    expect(parseVietQrPayload(decoded!).amountVnd).toBe(1_250_000);
  });

  it('still decodes at 3 pixels per module (a small phone screenshot)', async () => {
    expect(decodePngDataUrl(await renderQrPngDataUrl(payload, { scale: 3 }))).toBe(payload);
  });
});

describe('renderQrSvg', () => {
  it('returns a standalone SVG document that decodes back to the exact VietQR payload', async () => {
    const svg = await renderQrSvg(payload);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(decodeQrSvg(svg)).toBe(payload);
  });
});
