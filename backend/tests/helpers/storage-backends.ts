import { join } from 'node:path';
import { LocalStorage } from '../../src/modules/media/local-storage';
import { S3Storage } from '../../src/modules/media/s3-storage';
import type { ObjectStorage } from '../../src/modules/media/storage';
import { startS3 } from './s3';

/** Where a test server keeps uploads: its environment, and how to look behind the server's back. */
export interface StorageBackend {
  env: Record<string, string>;
  /** The storage the server (with data folder `dataDir`) writes to, opened independently. */
  open(dataDir: string): ObjectStorage;
  stop(): Promise<void>;
}

const localDisk = async (): Promise<StorageBackend> => ({
  env: {},
  open: (dataDir) => new LocalStorage(join(dataDir, 'uploads')),
  stop: async () => undefined,
});

const s3 = async (): Promise<StorageBackend> => {
  const server = await startS3();
  return {
    env: { S3_ENDPOINT: server.endpoint, S3_ACCESS_KEY: server.accessKey, S3_SECRET_KEY: server.secretKey },
    open: () =>
      new S3Storage({
        endpoint: server.endpoint,
        region: 'us-east-1',
        bucket: 'chat-images',
        accessKeyId: server.accessKey,
        secretAccessKey: server.secretKey,
      }),
    stop: server.stop,
  };
};

/** Both kinds of storage the server supports, for `describe.each`. */
export const STORAGE_BACKENDS: [name: string, start: () => Promise<StorageBackend>][] = [
  ['local disk', localDisk],
  ['S3 (s3rver)', s3],
];
