import { resolve } from 'node:path';

/** The repository root (backend/src/config, or backend/dist/config once built, → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Where a single node keeps its data (embedded PostgreSQL, local images, generated secrets): DATA_DIR or .data. */
export function dataDirOf(dataDir: string | undefined): string {
  return resolve(REPO_ROOT, dataDir || '.data');
}
