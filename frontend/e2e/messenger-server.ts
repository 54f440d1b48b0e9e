import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A TCP port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The messenger exactly as a new user runs it (`npm start` at the repository root, no services configured), with
 * its embedded database in a temporary folder so that the test starts empty and can restart the server.
 */
export class MessengerServer {
  private process: ChildProcess | undefined;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'messenger-e2e-'));
  private output = '';

  readonly port: number;
  private readonly databasePort: number;

  private constructor(port: number, databasePort: number) {
    this.port = port;
    this.databasePort = databasePort;
    // Run as root, PostgreSQL runs as its own user and must be able to enter the (otherwise 0700) folder.
    chmodSync(this.dataDir, 0o755);
  }

  static async create(): Promise<MessengerServer> {
    return new MessengerServer(await freePort(), await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        EMBEDDED_PG_PORT: String(this.databasePort),
        DATABASE_URL: '',
        REDIS_URL: '',
        BCRYPT_ROUNDS: '4',
        LOG_LEVEL: 'warn',
        // One instance, with no other to send clients to while it drains: a restart (tour.e2e.ts) need not wait.
        SHUTDOWN_DRAIN_DELAY_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.process = child;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      const ready = await fetch(`${this.url}/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`server did not become ready:\n${this.output}`);
  }

  /** SIGTERM, as a process manager would send it; resolves once the server (and its database) have stopped. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
