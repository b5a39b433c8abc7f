// Photo pipeline benchmark: `pnpm tsx tests/bench/media.ts` (root script `bench:media`).
// A 12 MP phone-like JPEG goes through processImage (and storeImage to local disk) RUNS times.
// Targets (issue): median ≤ 1000 ms on 2 cores, 800 px variant ≤ 120 KB. Prints figures; never fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { LocalDiskStorage, processImage, storeImage } from '@nongsan/media';
import { imageRuntimeInfo, makePhoneLikeJpeg } from '@nongsan/media/testing';

const RUNS = 10;
const TARGET_MEDIAN_MS = 1000;
const TARGET_800_BYTES = 120 * 1024;

function percentile(sorted: number[], p: number): number {
  // Nearest rank: with 10 runs, p95 is the slowest run.
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  return `median ${fmt(percentile(sorted, 50))}, p95 ${fmt(percentile(sorted, 95))}, min ${fmt(sorted[0] ?? 0)}, max ${fmt(sorted[sorted.length - 1] ?? 0)}`;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const runtime = imageRuntimeInfo();
console.log(
  `node ${process.version}, ${availableParallelism()} cores, sharp ${runtime.sharp}, libvips ${runtime.vips}, sharp.concurrency() ${runtime.concurrency}`,
);

const generatedAt = performance.now();
const photo = await makePhoneLikeJpeg();
console.log(
  `input: 4000×3000 JPEG q90, ${(photo.length / 1024 / 1024).toFixed(2)} MB (generated in ${(performance.now() - generatedAt).toFixed(0)} ms)`,
);

// One warm-up run: the first call loads libvips code paths and allocates its thread pool.
await processImage(photo);

const processMs: number[] = [];
const storeMs: number[] = [];
let last: Awaited<ReturnType<typeof processImage>> | undefined;
const dir = await mkdtemp(path.join(tmpdir(), 'nongsan-bench-media-'));
try {
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    last = await processImage(photo);
    const processed = performance.now();
    // A fresh directory each run so every store really writes (dedupe would skip the writes).
    await storeImage(new LocalDiskStorage(path.join(dir, String(run)), '/media'), last);
    processMs.push(processed - started);
    storeMs.push(performance.now() - processed);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (!last) throw new Error('no runs');

console.log(`processImage × ${RUNS}: ${summary(processMs)}`);
console.log(`storeImage (local disk) × ${RUNS}: ${summary(storeMs)}`);
console.log(`processImage + storeImage: ${summary(processMs.map((ms, i) => ms + (storeMs[i] ?? 0)))}`);
for (const variant of last.variants) {
  console.log(`  ${variant.key}  ${variant.width}×${variant.height}  ${kb(variant.bytes.length)}`);
}
console.log(`  placeholder  ${last.placeholder.length} characters as a data URI`);

// How the 800 px variant's size moves with WebP quality (the pipeline uses the default, 75).
const sweep: string[] = [];
for (const quality of [70, 72, 75, 78, 80, 85]) {
  const result = await processImage(photo, { quality });
  sweep.push(`q${quality} ${kb(result.variants.find((v) => v.width === 800)?.bytes.length ?? Number.NaN)}`);
}
console.log(`800 px by quality: ${sweep.join(', ')}`);

const median = percentile(
  [...processMs].sort((a, b) => a - b),
  50,
);
const at800 = last.variants.find((v) => v.width === 800)?.bytes.length ?? Number.NaN;
console.log(
  `targets: median ${median.toFixed(0)} ms ≤ ${TARGET_MEDIAN_MS} ms ${median <= TARGET_MEDIAN_MS ? 'MET' : 'MISSED'}; ` +
    `800 px ${kb(at800)} ≤ ${kb(TARGET_800_BYTES)} ${at800 <= TARGET_800_BYTES ? 'MET' : 'MISSED'}`,
);
