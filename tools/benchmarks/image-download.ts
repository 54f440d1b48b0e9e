/**
 * Image downloads (issue #19): the CPU the API server spends per image, streaming it from S3 versus answering a
 * redirect to a signed URL on S3_PUBLIC_URL. The server runs in this process; the S3 server (s3rver) and the
 * downloading clients run in child processes, so that this process's CPU time is the server's alone. The clients
 * do not follow the redirect: those bytes are the store's work, not the server's.
 * Run from backend/: `npm run bench:image-downloads` (BENCH_DOWNLOADS, BENCH_CLIENTS).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { startTestServer } from '../../backend/tests/helpers/test-server';
import { photoLikeJpeg, runBenchmark } from './measure';

const DOWNLOADS = Number(process.env.BENCH_DOWNLOADS ?? 300);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);

const S3_SERVER = `
const S3rver = require('s3rver');
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.argv[1] })
  .run()
  .then(({ port }) => console.log(port));`;

const CLIENT = `
const [url, token, downloads, clients] = process.argv.slice(1);
let started = 0;
const client = async () => {
  while (started++ < Number(downloads)) {
    const answer = await fetch(url, { headers: { authorization: 'Bearer ' + token }, redirect: 'manual' });
    await answer.arrayBuffer();
    if (answer.status !== 200 && answer.status !== 302) throw new Error('status ' + answer.status);
  }
};
Promise.all(Array.from({ length: Number(clients) }, client)).catch((error) => {
  console.error(error);
  process.exit(1);
});`;

async function startS3(): Promise<{ endpoint: string; stop(): void }> {
  const directory = mkdtempSync(join(tmpdir(), 'messenger-bench-s3-'));
  const child = spawn(process.execPath, ['-e', S3_SERVER, directory], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once('data', (data: Buffer) => resolve(String(data).trim())),
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function measure(label: string, env: Record<string, string>, photo: Buffer): Promise<void> {
  const server = await startTestServer({ ...env, RATE_LIMIT_ENABLED: 'false' });
  try {
    const registered = await request(server.url)
      .post('/api/auth/register')
      .send({ username: 'bench_images', password: 'correct horse battery', displayName: 'Bench' })
      .expect(201);
    const token = (registered.body as { accessToken: string }).accessToken;
    const uploaded = await request(server.url)
      .post('/api/attachments')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', photo, 'photo.jpg')
      .expect(201);
    const { url, size } = (uploaded.body as { attachment: { url: string; size: number } }).attachment;
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    await promisify(execFile)(process.execPath, [
      '-e',
      CLIENT,
      `${server.url}${url}`,
      token,
      `${DOWNLOADS}`,
      `${CLIENTS}`,
    ]);
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${label}: ${DOWNLOADS} downloads of a ${(size / 1024 / 1024).toFixed(1)} MB image in ${seconds.toFixed(1)} s, ` +
        `server CPU ${(cpuMs / 1000).toFixed(2)} s = ${(cpuMs / DOWNLOADS).toFixed(2)} ms per download`,
    );
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const photo = await photoLikeJpeg({ width: 4000, height: 3000, sigma: 40, quality: 85 }).toBuffer();
  console.log(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}, ${CLIENTS} clients`,
  );
  const s3 = await startS3();
  try {
    const storage = { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' };
    await measure('streamed through the API', storage, photo);
    await measure('redirected (S3_PUBLIC_URL)', { ...storage, S3_PUBLIC_URL: s3.endpoint }, photo);
  } finally {
    s3.stop();
  }
}

runBenchmark(main);
