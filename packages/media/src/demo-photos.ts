import sharp from 'sharp';

// Demo catalogue photos, drawn locally (nothing is downloaded): a produce-coloured background, soft
// light, grain and a few dozen simple shapes per category, so storefront cards look like photos of
// tea leaves, rice, fruit... Each (category, seed) pair gives a different, reproducible image.

type Palette = {
  /** Background gradient, top to bottom. */
  background: [string, string];
  /** Fill colours of the produce shapes. */
  colours: string[];
  shape: 'leaf' | 'grain' | 'round' | 'cap' | 'jar' | 'strip' | 'egg' | 'fish' | 'seedling' | 'bunch';
  /** Shapes per image, before the seed's variation. */
  count: number;
};

const PALETTES: Record<string, Palette> = {
  tea: {
    background: ['#2f4a22', '#13220c'],
    colours: ['#5c8a2e', '#7fae3c', '#3f6b1f', '#9cc45a'],
    shape: 'leaf',
    count: 70,
  },
  rice: {
    background: ['#8a6a3c', '#5a4224'],
    colours: ['#f4efe0', '#e9dfc3', '#fffaf0', '#d8c79c'],
    shape: 'grain',
    count: 420,
  },
  vegetables: {
    background: ['#6b4f33', '#3b2a1a'],
    colours: ['#3f8f2f', '#5fb342', '#2e6e22', '#86c95a'],
    shape: 'bunch',
    count: 26,
  },
  fruit: {
    background: ['#caa46a', '#7c5a2e'],
    colours: ['#f2a22c', '#e8c547', '#9bc53d', '#f07c2a'],
    shape: 'round',
    count: 16,
  },
  mushrooms: {
    background: ['#5a4630', '#2a1f14'],
    colours: ['#8a5a34', '#6e4526', '#a8744a', '#c9a27a'],
    shape: 'cap',
    count: 24,
  },
  honey: {
    background: ['#f1d9a0', '#b98a3c'],
    colours: ['#e29a1a', '#c97b0c', '#f0b43c', '#a85f08'],
    shape: 'jar',
    count: 5,
  },
  dried: {
    background: ['#d9c6a0', '#9c8458'],
    colours: ['#b08a4c', '#8c6a34', '#c9a768', '#6e5228'],
    shape: 'strip',
    count: 60,
  },
  meat_eggs: {
    background: ['#c9b79a', '#8a765a'],
    colours: ['#f3e3c8', '#e8cfa6', '#d9b384', '#fbf3e4'],
    shape: 'egg',
    count: 18,
  },
  seafood: {
    background: ['#2d5c7a', '#12324a'],
    colours: ['#b7c4cc', '#8fa4b0', '#d7dee2', '#e89a6a'],
    shape: 'fish',
    count: 10,
  },
  herbs_spices: {
    background: ['#7a5232', '#41291a'],
    colours: ['#c0392b', '#e0a526', '#8e5a2c', '#d4622a'],
    shape: 'grain',
    count: 260,
  },
  plants: {
    background: ['#6a4a2c', '#3a2616'],
    colours: ['#4f9a35', '#6cbf45', '#3a7a26', '#8fd460'],
    shape: 'seedling',
    count: 14,
  },
  other: {
    background: ['#b9a17a', '#6e5a3c'],
    colours: ['#5c8a2e', '#e2a03c', '#a8744a', '#f3e3c8'],
    shape: 'round',
    count: 22,
  },
};

/** mulberry32: a tiny seeded PRNG, so a demo photo is the same on every run (and so is its media id). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function shapeSvg(palette: Palette, random: () => number, width: number, height: number): string {
  const out: string[] = [];
  const count = Math.round(palette.count * (0.7 + random() * 0.6));
  const scale = Math.min(width, height) / 900;
  for (let i = 0; i < count; i++) {
    const cx = Math.round(random() * width);
    const cy = Math.round(random() * height);
    const fill = pick(random, palette.colours);
    const angle = Math.round(random() * 360);
    const rot = `transform="rotate(${angle} ${cx} ${cy})"`;
    const s = scale * (0.7 + random() * 0.6);
    switch (palette.shape) {
      case 'leaf': {
        const rx = Math.round(70 * s);
        const ry = Math.round(24 * s);
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" ${rot} fill="${fill}" stroke="#1f3312" stroke-width="2"/>`,
        );
        out.push(
          `<line x1="${cx - rx}" y1="${cy}" x2="${cx + rx}" y2="${cy}" ${rot} stroke="#2c4a17" stroke-width="2"/>`,
        );
        break;
      }
      case 'grain':
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${Math.round(13 * s)}" ry="${Math.round(5 * s)}" ${rot} fill="${fill}"/>`,
        );
        break;
      case 'round': {
        const r = Math.round(110 * s);
        out.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" stroke="#00000033" stroke-width="4"/>`);
        out.push(`<circle cx="${cx - r / 3}" cy="${cy - r / 3}" r="${r / 4}" fill="#ffffff" fill-opacity="0.25"/>`);
        break;
      }
      case 'cap': {
        const r = Math.round(70 * s);
        out.push(`<rect x="${cx - r / 5}" y="${cy}" width="${(r * 2) / 5}" height="${r}" fill="#e8dcc4"/>`);
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${r}" ry="${r * 0.55}" fill="${fill}" stroke="#2a1a0c" stroke-width="3"/>`,
        );
        break;
      }
      case 'jar': {
        const w = Math.round(190 * s);
        const h = Math.round(260 * s);
        out.push(
          `<rect x="${cx - w / 2}" y="${cy - h / 2}" width="${w}" height="${h}" rx="${w / 5}" fill="${fill}" fill-opacity="0.85" stroke="#6e3f05" stroke-width="5"/>`,
        );
        out.push(
          `<rect x="${cx - w / 2.6}" y="${cy - h / 2 - 30 * s}" width="${w / 1.3}" height="${34 * s}" rx="6" fill="#7a4a1c"/>`,
        );
        break;
      }
      case 'strip':
        out.push(
          `<rect x="${cx}" y="${cy}" width="${Math.round(160 * s)}" height="${Math.round(18 * s)}" rx="6" ${rot} fill="${fill}"/>`,
        );
        break;
      case 'egg':
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${Math.round(62 * s)}" ry="${Math.round(82 * s)}" ${rot} fill="${fill}" stroke="#00000022" stroke-width="3"/>`,
        );
        break;
      case 'fish': {
        const rx = Math.round(150 * s);
        const ry = Math.round(48 * s);
        out.push(
          `<g ${rot}><ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${fill}"/>` +
            `<polygon points="${cx + rx - 10},${cy} ${cx + rx + 60 * s},${cy - ry} ${cx + rx + 60 * s},${cy + ry}" fill="${fill}"/>` +
            `<circle cx="${cx - rx * 0.65}" cy="${cy - ry * 0.2}" r="${8 * s}" fill="#1a1a1a"/></g>`,
        );
        break;
      }
      case 'seedling': {
        const h = Math.round(200 * s);
        out.push(`<line x1="${cx}" y1="${cy}" x2="${cx}" y2="${cy - h}" stroke="#3a6a1f" stroke-width="${8 * s}"/>`);
        out.push(
          `<ellipse cx="${cx - 40 * s}" cy="${cy - h}" rx="${50 * s}" ry="${20 * s}" transform="rotate(-30 ${cx} ${cy - h})" fill="${fill}"/>`,
        );
        out.push(
          `<ellipse cx="${cx + 40 * s}" cy="${cy - h}" rx="${50 * s}" ry="${20 * s}" transform="rotate(30 ${cx} ${cy - h})" fill="${fill}"/>`,
        );
        break;
      }
      case 'bunch': {
        const r = Math.round(120 * s);
        for (let k = 0; k < 5; k++) {
          const a = (k / 5) * Math.PI * 2 + random();
          out.push(
            `<ellipse cx="${Math.round(cx + Math.cos(a) * r * 0.6)}" cy="${Math.round(cy + Math.sin(a) * r * 0.6)}" rx="${r * 0.7}" ry="${r * 0.35}" transform="rotate(${Math.round((a * 180) / Math.PI)} ${cx} ${cy})" fill="${pick(random, palette.colours)}" fill-opacity="0.9"/>`,
          );
        }
        break;
      }
    }
  }
  return out.join('');
}

export type DemoPhotoOptions = { category: string; seed: number; width?: number; height?: number };

/**
 * A demo produce photo as a JPEG (default 1200×900, ~100–250 KB): a lit gradient, colour blotches,
 * the category's shapes and grain. Deterministic for a given category and seed.
 */
export async function makeDemoProducePhoto(options: DemoPhotoOptions): Promise<Buffer> {
  const { width = 1200, height = 900, seed } = options;
  const palette = PALETTES[options.category] ?? (PALETTES.other as Palette);
  const random = createRandom(seed * 7919 + options.category.length);
  const lightX = Math.round(20 + random() * 60);
  const lightY = Math.round(10 + random() * 40);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.background[0]}"/><stop offset="1" stop-color="${palette.background[1]}"/></linearGradient>` +
    `<radialGradient id="light" cx="${lightX}%" cy="${lightY}%" r="70%"><stop offset="0" stop-color="#fff8e0" stop-opacity="0.35"/><stop offset="1" stop-color="#000" stop-opacity="0.25"/></radialGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#bg)"/>${shapeSvg(palette, random, width, height)}` +
    `<rect width="100%" height="100%" fill="url(#light)"/></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // Grain, a little stronger in blocks of 2×2: real photos are never flat, and flat colour would
  // make the demo variants unrealistically small. Added in JS: cheaper than a composite in libvips.
  for (let y = 0; y < info.height; y += 2) {
    for (let x = 0; x < info.width; x += 2) {
      const noise = Math.round((random() - 0.5) * 14);
      for (let dy = 0; dy < 2 && y + dy < info.height; dy++) {
        for (let dx = 0; dx < 2 && x + dx < info.width; dx++) {
          const p = ((y + dy) * info.width + x + dx) * info.channels;
          for (let c = 0; c < 3; c++) data[p + c] = Math.min(255, Math.max(0, (data[p + c] ?? 0) + noise));
        }
      }
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The categories with a palette of their own (the rest draw as `other`). */
export const DEMO_PHOTO_CATEGORIES = Object.keys(PALETTES);
