import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderQrPngDataUrl, renderQrSvg } from './qr-image.ts';
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

/**
 * Rasterises the SVG qrcode draws: a white background and one stroked path of horizontal runs
 * (`M x y.5`, `h n`, `m dx dy`), one unit per module. Enough of SVG to read its own output.
 */
function rasteriseQrSvg(svg: string, scale: number): { rgba: Uint8ClampedArray; width: number } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg);
  expect(viewBox).not.toBeNull();
  expect(path).not.toBeNull();
  const units = Number(viewBox![1]);
  const width = units * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, command, args] of path![1]!.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const numbers = args!
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (command === 'M') [x, y] = [numbers[0]!, numbers[1]!];
    else if (command === 'm') [x, y] = [x + numbers[0]!, y + numbers[1]!];
    else if (command === 'H' || command === 'h') {
      const to = command === 'H' ? numbers[0]! : x + numbers[0]!;
      const row = Math.floor(y);
      for (let column = x; column < to; column++) {
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const at = ((row * scale + dy) * width + column * scale + dx) * 4;
            rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
          }
        }
      }
      x = to;
    }
  }
  return { rgba, width };
}

describe('renderQrSvg', () => {
  it('returns a standalone SVG document that decodes back to the exact VietQR payload', async () => {
    const svg = await renderQrSvg(payload);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    const { rgba, width } = rasteriseQrSvg(svg, 4);
    expect(jsQR(rgba, width, width)?.data).toBe(payload);
  });
});
