import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { images } from '../../../tests/helpers/images';
import { startS3 } from '../../../tests/helpers/s3';
import { TcpProxy } from '../../../tests/helpers/tcp-proxy';
import { startTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

/**
 * Image downloads that end badly (the client goes away, the stored file or the storage server goes away mid-body)
 * must release what they hold and never take the server down. S3 runs behind a TCP relay that the test can cut.
 */

interface Storage {
  env: Record<string, string>;
  /** Makes reading the stored original fail or vanish while a download of it is under way. */
  breakMidStream(server: TestServer, attachmentId: string): Promise<void>;
  stop(): Promise<void>;
}

const localDisk = async (): Promise<Storage> => ({
  env: {},
  breakMidStream: (server, attachmentId) =>
    rm(join(server.dataDir, 'uploads', 'attachments', attachmentId), { recursive: true, force: true }),
  stop: async () => undefined,
});
const s3 = async (): Promise<Storage> => {
  const s3rver = await startS3();
  const relay = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(s3rver.endpoint).port) });
  return {
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${relay.port}`,
      S3_ACCESS_KEY: s3rver.accessKey,
      S3_SECRET_KEY: s3rver.secretKey,
    },
    breakMidStream: async () => {
      await relay.cut();
      await relay.restore();
    },
    stop: async () => {
      await relay.cut();
      await s3rver.stop();
    },
  };
};

/** Starts a download and resolves with the response as soon as its headers arrive, without reading the body. */
function startDownload(server: TestServer, user: TestUser, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(`${server.url}${path}`, { headers: user.auth, agent: false }, (res) => {
      res.pause();
      resolve(res);
    });
    req.on('error', reject);
  });
}

const openFileHandles = () => readdirSync('/proc/self/fd').length;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each([
  ['local disk', localDisk],
  ['S3 (s3rver)', s3],
])('image downloads on %s', (_, setup) => {
  let storage: Storage;
  let server: TestServer;
  let alice: TestUser;
  beforeAll(async () => {
    storage = await setup();
    server = await startTestServer(storage.env);
    alice = await registerUser(server);
  });
  afterAll(async () => {
    await server.close();
    await storage.stop();
  });

  const upload = async (file: Buffer) => {
    const response = await request(server.url)
      .post('/api/attachments')
      .set(alice.auth)
      .attach('file', file, 'noise.png')
      .timeout(30_000)
      .expect(201);
    return (response.body as { attachment: { id: string; url: string } }).attachment;
  };
  const downloadWhole = (path: string) => request(server.url).get(path).set(alice.auth).timeout(15_000).expect(200);

  it('releases what 60 abandoned downloads held (file handles, pooled S3 sockets): uploads and downloads go on', async () => {
    const large = await upload(await images.largeNoise());
    const handlesBefore = openFileHandles();

    // More than the S3 client's pool of 50 sockets: one leaked per abandoned download would hang the 51st.
    for (let i = 0; i < 60; i++) {
      const response = await startDownload(server, alice, large.url);
      expect(response.statusCode).toBe(200);
      response.destroy();
    }

    await waitFor(() => openFileHandles() <= handlesBefore + 5, 'the abandoned downloads to close their files');
    const small = await upload(await images.png());
    expect((await downloadWhole(small.url)).body).toBeTruthy();
    await downloadWhole(large.url);
  });

  it('survives the stored image going away in the middle of a download', async () => {
    const large = await upload(await images.largeNoise());
    const response = await startDownload(server, alice, large.url);
    expect(response.statusCode).toBe(200);
    await storage.breakMidStream(server, large.id);
    // Whatever became of that download (a file already open may still be read to its end), it ends.
    await new Promise((resolve) => {
      response.on('end', resolve).on('error', resolve).on('close', resolve);
      response.resume();
    });

    const small = await upload(await images.png());
    await downloadWhole(small.url);
  });
});
