/**
 * Image pipeline benchmark (issue #6): a 4000×3000 photo-like JPEG through `processImage` (decode, orient,
 * re-encode without metadata, 320 px WebP thumbnail), one at a time and 4 at once; time per image and the
 * process's peak resident memory above what it used before the first image.
 * Run from backend/: `npm run bench:images` (BENCH_IMAGES).
 */
import { cpus } from 'node:os';
import { build } from 'hdr-histogram-js';
import { photoLikeJpeg, runBenchmark, timed } from './measure';
import sharp from 'sharp';
import { processImage } from '../../backend/src/modules/media/image-processing';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 24);

function photo(): Promise<Buffer> {
  return photoLikeJpeg({ width: 4000, height: 3000, sigma: 40, quality: 85 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function run(input: Buffer, concurrency: number, idle: number): Promise<void> {
  const histogram = build();
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; i < IMAGES; i += concurrency) {
        await timed(() => processImage(input, 'attachment'), histogram);
      }
    }),
  );
  clearInterval(sampler);
  const ms = (micros: number) => (micros / 1000).toFixed(0).padStart(5);
  const extraMb = (peak - idle) / 1024 / 1024;
  console.log(
    `${concurrency} at once: p50 ${ms(histogram.getValueAtPercentile(50))} ms  p95 ${ms(histogram.getValueAtPercentile(95))} ms` +
      `  ${((IMAGES / (Date.now() - started)) * 1000).toFixed(1)} images/s` +
      `  peak RSS +${extraMb.toFixed(0)} MB (${(extraMb / concurrency).toFixed(0)} MB per concurrent upload)`,
  );
}

async function main(): Promise<void> {
  const input = await photo();
  const idle = process.memoryUsage().rss;
  console.log(
    `4000×3000 JPEG, ${(input.length / 1024 / 1024).toFixed(1)} MB, ${IMAGES} images per run, ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, sharp concurrency ${sharp.concurrency()}`,
  );
  await run(input, 1, idle);
  await run(input, 4, idle);
}

runBenchmark(main);
