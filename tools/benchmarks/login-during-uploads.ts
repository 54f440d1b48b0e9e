/**
 * Logins while images are processed (issue #18): bcrypt and sharp both run on libuv's thread pool and on the same
 * cores, so uploads must not starve sign-ins. A real server (bcrypt at the production cost of 12) signs one user in
 * again and again, first alone, then while 8 clients upload large photos back to back; login latency for each.
 * Run from backend/: `npm run bench:login-during-uploads` (BENCH_LOGINS, BENCH_UPLOADERS).
 */
import { availableParallelism, cpus } from 'node:os';
import { build } from 'hdr-histogram-js';
import request from 'supertest';
import { IMAGE_CONCURRENCY } from '../../backend/src/modules/media/image-processing';
import { startTestServer } from '../../backend/tests/helpers/test-server';
import { photoLikeJpeg, runBenchmark, timed } from './measure';

const LOGINS = Number(process.env.BENCH_LOGINS ?? 10);
const UPLOADERS = Number(process.env.BENCH_UPLOADERS ?? 8);
const credentials = { username: 'bench_login', password: 'correct horse battery' };

/** A 6000×4000 photo-like JPEG (24 megapixels, the size of a modern phone's camera). */
function photo(): Promise<Buffer> {
  return photoLikeJpeg({ width: 6000, height: 4000, sigma: 30, quality: 80 }).toBuffer();
}

async function main(): Promise<void> {
  const server = await startTestServer({ BCRYPT_ROUNDS: '12', RATE_LIMIT_ENABLED: 'false' });
  try {
    const input = await photo();
    await request(server.url)
      .post('/api/auth/register')
      .send({ ...credentials, displayName: 'Bench' })
      .expect(201);
    const login = () => request(server.url).post('/api/auth/login').send(credentials).expect(200);
    const measureLogins = async (label: string) => {
      const histogram = build();
      for (let i = 0; i < LOGINS; i++) await timed(login, histogram);
      const ms = (percentile: number) => (histogram.getValueAtPercentile(percentile) / 1000).toFixed(0).padStart(5);
      console.log(`${label}: login p50 ${ms(50)} ms  max ${ms(100)} ms  (${LOGINS} logins)`);
    };

    console.log(
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, availableParallelism ${availableParallelism()}, ` +
        `UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? 'unset (4)'}, images at once ${IMAGE_CONCURRENCY}, photo ${(input.length / 1024 / 1024).toFixed(1)} MB`,
    );
    await measureLogins('alone');

    let uploading = true;
    let uploads = 0;
    // One person each: a user may have only 3 uploads in flight.
    const uploaderAuth = await Promise.all(
      Array.from({ length: UPLOADERS }, async (_, index) => {
        const response = await request(server.url)
          .post('/api/auth/register')
          .send({ username: `bench_uploader_${index}`, password: credentials.password })
          .expect(201);
        return { Authorization: `Bearer ${(response.body as { accessToken: string }).accessToken}` };
      }),
    );
    const uploaders = uploaderAuth.map(async (auth) => {
      while (uploading) {
        await request(server.url).post('/api/attachments').set(auth).attach('file', input, 'photo.jpg').expect(201);
        uploads++;
      }
    });
    // Let every uploader get its first photo in before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const started = Date.now();
    await measureLogins(`during ${UPLOADERS} concurrent uploads`);
    const seconds = (Date.now() - started) / 1000;
    uploading = false;
    await Promise.all(uploaders);
    console.log(`uploads completed: ${uploads} (${(uploads / seconds).toFixed(2)}/s while measuring)`);
  } finally {
    await server.close();
  }
}

runBenchmark(main);
