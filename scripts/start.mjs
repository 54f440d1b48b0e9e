#!/usr/bin/env node
// `npm start` at the repository root: builds whatever is missing or older than its sources, then runs the
// messenger (API + Socket.IO + web app on PORT). With no DATABASE_URL / REDIS_URL / S3_ENDPOINT it runs on its
// embedded defaults, so a fresh clone needs nothing but `npm install && npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// package.json engines: ^20.19 || ^22.12 || >=24 (what Vite 8 and Prisma 7 need). Older versions fail in obscure ways.
const [major, minor] = process.versions.node.split('.').map(Number);
if (!(major >= 24 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19))) {
  console.error(
    `✗ Node.js ${process.versions.node} is not supported: install Node.js 22 or 24 LTS (https://nodejs.org/).`,
  );
  process.exit(1);
}

/**
 * Runs an npm command. Under `npm start`, npm names its own CLI script (npm_execpath), run here with this Node: that
 * works the same on every platform, whereas spawning Windows' `npm.cmd` needs a shell since Node 20.12.
 */
function npm(args) {
  const options = { cwd: root, stdio: 'inherit' };
  if (process.env.npm_execpath) return spawnSync(process.execPath, [process.env.npm_execpath, ...args], options);
  return spawnSync('npm', args, { ...options, shell: process.platform === 'win32' });
}

/** Newest modification time under the given paths (files or folders), skipping build output and dependencies. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
      }
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

if (!existsSync(join(root, 'node_modules'))) {
  console.error('✗ The dependencies are not installed: run `npm install` first, then `npm start`.');
  process.exit(1);
}

const builds = [
  {
    name: 'Prisma client',
    output: 'backend/src/generated/prisma/client.ts',
    sources: ['backend/prisma/schema.prisma'],
    command: ['run', 'generate', '-w', 'backend'],
  },
  {
    // What the built backend loads at run time (node_modules/@messenger/contract → its dist/).
    name: 'contract package',
    output: 'packages/contract/dist/index.js',
    sources: ['packages/contract/src', 'packages/contract/tsconfig.json', 'packages/contract/package.json'],
    command: ['run', 'build', '-w', '@messenger/contract'],
  },
  {
    name: 'backend',
    output: 'backend/dist/main.js',
    sources: [
      'backend/src',
      'backend/tsconfig.json',
      'backend/tsconfig.build.json',
      'backend/package.json',
      'packages/contract/src',
    ],
    command: ['run', 'build', '-w', 'backend'],
  },
  {
    name: 'web app',
    output: 'frontend/dist/index.html',
    sources: [
      'frontend/src',
      'frontend/index.html',
      'frontend/vite.config.ts',
      'frontend/package.json',
      'packages/contract/src',
      'packages/client/src',
    ],
    command: ['run', 'build', '-w', 'frontend'],
  },
];

for (const build of builds) {
  const output = join(root, build.output);
  const sourcesChanged = newestMtime(build.sources.map((source) => join(root, source)));
  if (existsSync(output) && statSync(output).mtimeMs >= sourcesChanged) continue;
  console.log(`▸ building the ${build.name}…`);
  const result = npm(build.command);
  if (result.status !== 0) {
    console.error(`✗ building the ${build.name} failed`);
    process.exit(result.status ?? 1);
  }
}

console.log('▸ starting the server…');
const server = spawn(process.execPath, [join(root, 'backend/dist/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
