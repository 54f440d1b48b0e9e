import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, MessengerServer } from '../../frontend/e2e/messenger-server';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** The web app and nginx configuration that are measured, and where they came from. */
export interface Build {
  /** `HEAD` (a clean export of the commit) or `working tree`. */
  source: string;
  dist: string;
  nginxDir: string;
  dispose(): void;
}

/**
 * The production build of the committed web app: `git archive HEAD` of frontend/ and nginx/ into a temporary
 * folder, built there with the repository's node_modules (symlinked), so that uncommitted work in the tree does
 * not end up in the figures. WEB_PERF_BUILD=worktree measures frontend/dist of the working tree instead (as
 * `npm start` builds it).
 */
export function prepareBuild(): Build {
  if (process.env.WEB_PERF_BUILD === 'worktree') {
    const dist = join(repoRoot, 'frontend', 'dist');
    return { source: 'working tree', dist, nginxDir: join(repoRoot, 'nginx'), dispose: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'messenger-web-perf-head-'));
  // nginx's workers (another user when run as root) read the build from here.
  chmodSync(dir, 0o755);
  try {
    const tar = join(dir, 'head.tar');
    execFileSync('git', ['archive', '--format=tar', '-o', tar, 'HEAD', 'frontend', 'nginx'], { cwd: repoRoot });
    execFileSync('tar', ['-xf', tar, '-C', dir]);
    // WEB_PERF_PATCH=<file>: a change to try on the committed web app (a git diff).
    if (process.env.WEB_PERF_PATCH) execFileSync('git', ['apply', resolve(process.env.WEB_PERF_PATCH)], { cwd: dir });
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    if (existsSync(join(repoRoot, 'frontend', 'node_modules'))) {
      symlinkSync(join(repoRoot, 'frontend', 'node_modules'), join(dir, 'frontend', 'node_modules'));
    }
    execFileSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--logLevel',
        'warn',
        // WEB_PERF_UNMINIFIED=1: readable function names in CPU profiles (slightly larger, slower to parse).
        ...(process.env.WEB_PERF_UNMINIFIED === '1' ? ['--minify', 'false'] : []),
      ],
      {
        cwd: join(dir, 'frontend'),
        stdio: 'inherit',
      },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    source: process.env.WEB_PERF_PATCH ? `HEAD + ${basename(process.env.WEB_PERF_PATCH)}` : 'HEAD',
    dist: join(dir, 'frontend', 'dist'),
    nginxDir: join(dir, 'nginx'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The messenger as `npm start` runs it (frontend/e2e/messenger-server.ts: the production build served by the
 * backend, an embedded PostgreSQL in a temporary folder, a free port). Rate limits are off for this process
 * only: the benchmark registers a handful of users and posts ~12,500 messages from one address in a minute.
 */
export async function startMessenger(build: Build): Promise<MessengerServer> {
  process.env.FRONTEND_DIST = build.dist;
  process.env.RATE_LIMIT_ENABLED = 'false';
  process.env.REGISTRATION_RATE_LIMIT_PER_HOUR = '10000';
  const server = await MessengerServer.create();
  try {
    await server.start();
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}

/**
 * Debian's nginx running our shipped nginx/nginx.conf (gzip level 5 for scripts, as in production) in front of
 * the backend, with the web app from frontend/dist: the deployment's transfer sizes. Substitutions as in
 * backend/tests/helpers/nginx.ts, plus the web root.
 */
export class NginxFront {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly runDir: string,
  ) {}

  static available(): boolean {
    return existsSync(NGINX);
  }

  static async start(backendPort: number, build: Build): Promise<NginxFront> {
    const runDir = mkdtempSync(join(tmpdir(), 'messenger-web-perf-nginx-'));
    const port = await freePort();
    for (const name of readdirSync(build.nginxDir).filter((file) => file.endsWith('.conf'))) {
      const config = readFileSync(join(build.nginxDir, name), 'utf8')
        .replace(/# BEGIN backend servers[\s\S]*# END backend servers/, `    server 127.0.0.1:${backendPort};`)
        .replace(/^(\s*)listen \d+;/gm, `$1listen 127.0.0.1:${port};`)
        .replace(/^pid \/tmp\/nginx.pid;/m, `pid ${join(runDir, 'nginx.pid')};`)
        .replace(/^(\s*)access_log \/dev\/stdout main;/m, '$1access_log off;')
        .replace(/^root \/usr\/share\/nginx\/html;/m, `root ${build.dist};`);
      writeFileSync(join(runDir, name), config);
    }
    const child = spawn(NGINX, ['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const front = new NginxFront(`http://127.0.0.1:${port}`, child, runDir);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (child.exitCode !== null) break;
      const up = await fetch(`${front.url}/nginx-health`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return front;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    front.stop();
    throw new Error(`nginx did not come up: ${stderr}`);
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
