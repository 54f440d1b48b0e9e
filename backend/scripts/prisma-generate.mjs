// Generates the Prisma client from prisma/schema.prisma.
// `prisma generate` only checks that a schema-engine file exists; it never runs it. The engine cannot be
// downloaded on our build machines, so we point the CLI at an existing file instead of letting it try.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const backendDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaCli = createRequire(join(backendDir, 'package.json')).resolve('prisma/build/index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  cwd: backendDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
