import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { freePort } from './ports';
import { checkPayloads } from './payload-check';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const REPO_ROOT = join(__dirname, '..', '..', '..');
export const NGINX_DIR = join(REPO_ROOT, 'nginx');
const CERT_SCRIPT = join(REPO_ROOT, 'scripts', 'generate-self-signed-cert.sh');

export interface NginxTemplate {
  /** Ports of the backends on 127.0.0.1. */
  backendPorts: number[];
  /** Where `listen 8080;` goes (127.0.0.1:<port>). */
  httpPort: number;
  /** Where `listen 8443 ssl http2;` goes (nginx-tls.conf only). */
  httpsPort?: number;
  /** Directory holding tls.crt and tls.key (nginx-tls.conf only). */
  certDir?: string;
  /** Where `root /usr/share/nginx/html;` (the built web app) points instead. */
  webRoot?: string;
  /** Keep the access log (default: off). */
  accessLog?: boolean;
}

/**
 * Copies the shipped configuration (every *.conf of nginx/) into runDir with the documented substitutions, so
 * Debian's nginx runs it unprivileged on loopback. Returns the path of the main file (`main`: nginx.conf or
 * nginx-tls.conf). The includes stay relative, as shipped.
 */
export function renderNginxConfig(runDir: string, main: string, template: NginxTemplate): string {
  const servers = template.backendPorts.map((port) => `    server 127.0.0.1:${port};`).join('\n');
  for (const name of readdirSync(NGINX_DIR).filter((file) => file.endsWith('.conf'))) {
    let config = readFileSync(join(NGINX_DIR, name), 'utf8')
      .replace(/# BEGIN backend servers[\s\S]*# END backend servers/, servers)
      .replace(/^(\s*)listen 8080;/gm, `$1listen 127.0.0.1:${template.httpPort};`)
      .replace(/^pid \/tmp\/nginx.pid;/m, `pid ${join(runDir, 'nginx.pid')};`);
    if (template.httpsPort !== undefined)
      config = config.replace(/^(\s*)listen 8443 ssl http2;/gm, `$1listen 127.0.0.1:${template.httpsPort} ssl http2;`);
    if (template.certDir !== undefined) config = config.replaceAll('/etc/nginx/certs/', `${template.certDir}/`);
    if (template.webRoot !== undefined)
      config = config.replace(/^(\s*)root \/usr\/share\/nginx\/html;/m, `$1root ${template.webRoot};`);
    if (!template.accessLog) config = config.replace(/^(\s*)access_log \/dev\/stdout main;/m, '$1access_log off;');
    writeFileSync(join(runDir, name), config);
  }
  const file = join(runDir, main);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(`listen 127.0.0.1:${template.httpPort};`))
    throw new Error(`${main} no longer has \`listen 8080;\``);
  if (template.httpsPort !== undefined && !text.includes(`listen 127.0.0.1:${template.httpsPort} ssl`))
    throw new Error(`${main} no longer has \`listen 8443 ssl http2;\``);
  return file;
}

/** A throwaway self-signed pair for 127.0.0.1/localhost, made by our own scripts/generate-self-signed-cert.sh. */
export function makeTestCertificate(dir: string): { certDir: string; ca: string } {
  execFileSync('bash', [CERT_SCRIPT, dir, 'localhost', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, CERT_DAYS: '2' },
  });
  return { certDir: dir, ca: readFileSync(join(dir, 'tls.crt'), 'utf8') };
}

/** The index.html that nginx serves in these tests. */
export const WEB_APP_INDEX = '<!doctype html><title>1000-Messenger</title><div id="root"></div>\n';

export interface Response {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * Debian's nginx running the configuration we ship in front of the given backend ports: nginx/nginx.conf over
 * HTTP, or with `{ tls: true }` nginx/nginx-tls.conf over HTTPS with a throwaway certificate (`ca` trusts it).
 */
export class TestNginx {
  private constructor(
    /** The origin clients use: https://127.0.0.1:<port> with TLS, http://127.0.0.1:<port> without. */
    readonly url: string,
    /** The plain-HTTP origin (with TLS: the one that redirects to HTTPS). */
    readonly httpUrl: string,
    /** The certificate to trust (TLS only). */
    readonly ca: string | undefined,
    private readonly process: ChildProcess,
    private readonly runDir: string,
  ) {}

  static async start(backendPorts: number[], options: { tls?: boolean } = {}): Promise<TestNginx> {
    if (!existsSync(NGINX))
      throw new Error(`nginx is needed for this test: apt-get install nginx (looked at ${NGINX})`);
    const runDir = mkdtempSync(join(tmpdir(), 'messenger-nginx-'));
    const httpPort = await freePort();
    let httpsPort: number | undefined;
    let ca: string | undefined;
    let certDir: string | undefined;
    if (options.tls) {
      httpsPort = await freePort();
      ({ certDir, ca } = makeTestCertificate(join(runDir, 'certs')));
    }
    // A stand-in for the built web app (frontend/dist), which the tests do not build. nginx's workers run as an
    // unprivileged user when the tests run as root: they may pass through runDir (not list it) to read it.
    chmodSync(runDir, 0o711);
    const webRoot = join(runDir, 'html');
    mkdirSync(webRoot, { mode: 0o755 });
    writeFileSync(join(webRoot, 'index.html'), WEB_APP_INDEX, { mode: 0o644 });
    const main = options.tls ? 'nginx-tls.conf' : 'nginx.conf';
    const config = renderNginxConfig(runDir, main, { backendPorts, httpPort, httpsPort, certDir, webRoot });
    const child = spawn(NGINX, ['-p', runDir, '-c', config, '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const url = options.tls ? `https://127.0.0.1:${httpsPort}` : httpUrl;
    const nginx = new TestNginx(url, httpUrl, ca, child, runDir);
    for (let attempt = 0; attempt < 50; attempt++) {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
      if (
        await nginx.get('/health').then(
          (response) => response.status === 200,
          () => false,
        )
      )
        return nginx;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not come up: ${stderr}`);
  }

  /** An HTTP(S) agent bound to a loopback source address, trusting the test certificate. */
  agent(localAddress?: string): HttpAgent {
    return this.ca ? new HttpsAgent({ localAddress, ca: this.ca }) : new HttpAgent({ localAddress });
  }

  /** GET a path of `url` (or of an absolute URL), optionally from a given loopback address. */
  get(pathOrUrl: string, localAddress?: string): Promise<Response> {
    return this.request('GET', pathOrUrl, { localAddress });
  }

  /** Any request to a path of `url` (or an absolute URL): from a loopback address, with headers, a JSON body. */
  request(
    method: string,
    pathOrUrl: string,
    options: { localAddress?: string; headers?: Record<string, string>; json?: unknown } = {},
  ): Promise<Response> {
    const target = new URL(pathOrUrl, this.url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent =
      target.protocol === 'https:'
        ? this.agent(options.localAddress)
        : new HttpAgent({ localAddress: options.localAddress });
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const headers = { ...options.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    return new Promise((resolve, reject) => {
      const req = send(target, { agent, method, headers }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Which instance nginx sends a client from this loopback address to (sticky by address). */
  async instanceFor(localAddress: string): Promise<string> {
    const response = await this.get('/health', localAddress);
    return (JSON.parse(response.body) as { instance: string }).instance;
  }

  /** A Socket.IO client coming from the given loopback address: long-polling first, then the upgrade. */
  socket(token: string, localAddress: string, options: Partial<ManagerOptions & SocketOptions> = {}): Socket {
    return checkPayloads(
      connect(this.url, {
        auth: { token },
        forceNew: true,
        ...options,
        agent: this.agent(localAddress) as unknown as string,
        localAddress,
        ...(this.ca ? { ca: this.ca, rejectUnauthorized: true } : {}),
      } as Partial<ManagerOptions & SocketOptions>),
    );
  }

  stop(): void {
    this.process.kill('SIGTERM');
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
