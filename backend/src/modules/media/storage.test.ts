import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { startS3 } from '../../../tests/helpers/s3';
import { LocalStorage } from './local-storage';
import { S3Storage } from './s3-storage';
import type { ObjectStorage } from './storage';

type Setup = () => Promise<{ storage: ObjectStorage; stop(): Promise<void> }>;

const local: Setup = async () => {
  const root = mkdtempSync(join(tmpdir(), 'messenger-local-'));
  return { storage: new LocalStorage(join(root, 'uploads')), stop: async () => rmSync(root, { recursive: true }) };
};
const s3: Setup = async () => {
  const server = await startS3();
  const storage = new S3Storage({
    endpoint: server.endpoint,
    region: 'us-east-1',
    bucket: 'chat-images',
    accessKeyId: server.accessKey,
    secretAccessKey: server.secretKey,
  });
  return { storage, stop: server.stop };
};

describe.each([
  ['local disk', local],
  ['S3 (s3rver)', s3],
])('%s', (_, setup) => {
  let storage: ObjectStorage;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, stop } = await setup());
    await storage.prepare();
    await storage.prepare();
  });
  afterAll(() => stop());

  it('stores, returns and deletes objects', async () => {
    await storage.put('attachments/a/original.png', Buffer.from('png bytes'), 'image/png');
    const object = await storage.get('attachments/a/original.png');
    expect(object).toMatchObject({ contentType: 'image/png', size: 9 });
    expect(await text(object!.body)).toBe('png bytes');
    await storage.delete(['attachments/a/original.png', 'attachments/never/was.png']);
    expect(await storage.get('attachments/a/original.png')).toBeNull();
  });

  it('answers null for what was never stored', async () => {
    expect(await storage.get('attachments/missing/thumb.webp')).toBeNull();
  });
});

it('gives up on an S3 server that accepts connections but never answers, instead of waiting forever', async () => {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  const storage = new S3Storage({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: 'chat-images',
    accessKeyId: 'key',
    secretAccessKey: 'secret',
    timeoutMs: 500,
  });
  // The SDK retries (3 attempts in all), each cut off by the timeout: the call fails in seconds.
  await expect(storage.get('attachments/a/original.png')).rejects.toThrow();
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

it('never lets a key reach outside the local root', async () => {
  const { storage, stop } = await local();
  await expect(storage.put('../escape.png', Buffer.from('x'), 'image/png')).rejects.toThrow(/escapes/);
  await stop();
});
