import type { Config } from '../../config/env';
import type { PrismaClient } from '../../db/prisma';
import type { Logger } from '../../lib/logger';
import type { Metrics } from '../../lib/metrics';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { createStorage } from './storage-from-config';
import { UploadBudget } from './upload-budget';

const MB = 1024 * 1024;

/**
 * The media service over its store (ready for use) and the instance's upload budget, whose use the metrics report
 * (called from the composition root, server.ts).
 */
export async function mediaModule(db: PrismaClient, config: Config, logger: Logger, metrics: Metrics) {
  const storage = createStorage(config, logger);
  await storage.prepare();
  const budget = new UploadBudget(config.UPLOAD_MEMORY_BUDGET_MB * MB);
  metrics.observeUploadBudget(() => budget.reserved);
  const pace = {
    minBytesPerSecond: config.UPLOAD_MIN_BYTES_PER_SECOND,
    windowSeconds: config.UPLOAD_RATE_WINDOW_SECONDS,
  };
  return new MediaService(new MediaRepository(db), storage, logger, config.UPLOAD_QUOTA_BYTES_PER_DAY, budget, pace);
}
