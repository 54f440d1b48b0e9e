import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const CONFIG = join(__dirname, '..', '..', '..', 'nginx', 'nginx.conf');

/** Debian's nginx running the configuration we ship (nginx/nginx.conf) in front of the given backend ports. */
export class TestNginx {
  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly runDir: string,
  ) {}

  static async start(backendPorts: number[]): Promise<TestNginx> {
    if (!existsSync(NGINX))
      throw new Error(`nginx is needed for this test: apt-get install nginx (looked at ${NGINX})`);
    const runDir = mkdtempSync(join(tmpdir(), 'messenger-nginx-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const servers = backendPorts.map((backend) => `        server 127.0.0.1:${backend};`).join('\n');
    const config = readFileSync(CONFIG, 'utf8')
      .replace(/# BEGIN backend servers[\s\S]*# END backend servers/, servers)
      .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`)
      .replace(/^pid \/tmp\/nginx.pid;/m, `pid ${join(runDir, 'nginx.pid')};`)
      .replace(/^(\s*)access_log \/dev\/stdout main;/m, '$1access_log off;');
    if (!config.includes(`listen 127.0.0.1:${port};`)) throw new Error('nginx.conf no longer has `listen 80;`');
    writeFileSync(join(runDir, 'nginx.conf'), config);
    const child = spawn(NGINX, ['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const nginx = new TestNginx(`http://127.0.0.1:${port}`, child, runDir);
    for (let attempt = 0; attempt < 50; attempt++) {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
      if (
        await fetch(`${nginx.url}/health`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return nginx;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not come up: ${stderr}`);
  }

  /** Which instance nginx sends a client from this loopback address to (sticky by address). */
  async instanceFor(localAddress: string): Promise<string> {
    const { request } = await import('node:http');
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}/health`, { agent: new Agent({ localAddress }) }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve((JSON.parse(body) as { instance: string }).instance));
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** A Socket.IO client coming from the given loopback address: long-polling first, then the upgrade. */
  socket(token: string, localAddress: string, options: Partial<ManagerOptions & SocketOptions> = {}): Socket {
    return connect(this.url, {
      auth: { token },
      forceNew: true,
      ...options,
      agent: new Agent({ localAddress }) as unknown as string,
      localAddress,
    } as Partial<ManagerOptions & SocketOptions>);
  }

  stop(): void {
    this.process.kill('SIGTERM');
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
