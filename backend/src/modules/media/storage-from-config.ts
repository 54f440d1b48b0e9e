import { join } from 'node:path';
import type { Config } from '../../config/env';
import { dataDirOf } from '../../config/data-dir';
import type { Logger } from '../../lib/logger';
import { LocalStorage } from './local-storage';
import { S3Storage } from './s3-storage';
import type { ObjectStorage } from './storage';

export /** S3 (SeaweedFS, AWS S3, R2, MinIO, ...) when configured, local disk under DATA_DIR otherwise. */
function createStorage(config: Config, logger: Logger): ObjectStorage {
  if (config.storageDriver === 'local') {
    return new LocalStorage(join(dataDirOf(config.DATA_DIR), 'uploads'));
  }
  if (!config.S3_ENDPOINT) throw new Error('STORAGE_DRIVER=s3 needs S3_ENDPOINT');
  return new S3Storage(
    {
      endpoint: config.S3_ENDPOINT,
      region: config.AWS_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY,
      secretAccessKey: config.S3_SECRET_KEY,
      browserAccess: config.S3_PUBLIC_URL
        ? { endpoint: config.S3_PUBLIC_URL, webAppOrigin: new URL(config.FRONTEND_URL).origin }
        : undefined,
    },
    logger,
  );
}
