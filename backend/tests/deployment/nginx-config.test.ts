import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificate, NGINX, NGINX_DIR, renderNginxConfig } from '../helpers/nginx';
import { itWithTool, ROOT, run } from './tools';

/**
 * `nginx -t` on every nginx configuration we ship: nginx/nginx.conf, nginx/nginx-tls.conf (with their includes)
 * and the static server of the k8s frontend ConfigMap. The upstream names and certificate paths are templated
 * exactly as the load-balancer tests do (tests/helpers/nginx.ts), since `nginx -t` resolves upstream hosts.
 */
const itNginx = itWithTool(existsSync(NGINX), `nginx is not installed at ${NGINX}: apt-get install nginx`);

let runDir: string;
beforeAll(() => {
  runDir = mkdtempSync(join(tmpdir(), 'messenger-nginx-t-'));
});
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

function nginxTest(config: string): void {
  const result = run(NGINX, ['-t', '-q', '-p', runDir, '-c', config, '-g', 'error_log stderr notice;']);
  if (result.status !== 0) throw new Error(result.stderr);
}

describe('nginx configurations', () => {
  itNginx('nginx/nginx.conf passes nginx -t', () => {
    nginxTest(renderNginxConfig(runDir, 'nginx.conf', { backendPorts: [3001, 3002], httpPort: 18080 }));
  });

  itNginx('nginx/nginx-tls.conf passes nginx -t with a certificate pair', () => {
    const { certDir } = makeTestCertificate(join(runDir, 'certs'));
    nginxTest(
      renderNginxConfig(runDir, 'nginx-tls.conf', {
        backendPorts: [3001, 3002],
        httpPort: 18080,
        httpsPort: 18443,
        certDir,
      }),
    );
  });

  itNginx('the frontend ConfigMap of k8s/frontend-deployment.yaml passes nginx -t', () => {
    const manifest = readFileSync(join(ROOT, 'k8s', 'frontend-deployment.yaml'), 'utf8');
    const body = /default\.conf: \|\n((?: {4}.*\n|\s*\n)+)/.exec(manifest)?.[1];
    expect(body).toBeDefined();
    // The web app's responses carry the API's security headers here too (index.html, assets, client routes).
    expect(body?.match(/^ +include \/etc\/nginx\/messenger\/messenger-web-app-headers\.conf;$/gm)).toHaveLength(3);
    // The image holds nginx/*.conf in /etc/nginx/messenger/ (Dockerfile, target frontend).
    const server = (body ?? '')
      .replace(/^ {4}/gm, '')
      .replace(/listen 8080;/, 'listen 127.0.0.1:18081;')
      .replaceAll('/etc/nginx/messenger/', `${NGINX_DIR}/`);
    const file = join(runDir, 'k8s-frontend.conf');
    writeFileSync(
      file,
      `pid ${join(runDir, 'k8s.pid')};\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n${server}\n}\n`,
    );
    nginxTest(file);
  });

  it('TLS settings: 1.2 and 1.3 only, forward-secret AEAD ciphers, HSTS, HTTP redirected, certificates from files', () => {
    const tls = readFileSync(join(ROOT, 'nginx', 'nginx-tls.conf'), 'utf8');
    expect(tls).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    const ciphers = /ssl_ciphers ([^;]+);/.exec(tls)?.[1]?.split(':') ?? [];
    expect(ciphers.length).toBeGreaterThan(0);
    for (const cipher of ciphers)
      expect(cipher).toMatch(/^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
    expect(tls).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
    expect(tls).toMatch(/ssl_certificate \/etc\/nginx\/certs\/tls\.crt;/);
    expect(tls).toMatch(/ssl_certificate_key \/etc\/nginx\/certs\/tls\.key;/);
    const shared = readFileSync(join(ROOT, 'nginx', 'messenger-http.conf'), 'utf8');
    // Sticky per address, also for the several addresses of one server name (`consistent` would not be).
    expect(shared).toMatch(/^ {4}hash \$remote_addr;$/m);
    expect(shared).toMatch(/https +"max-age=31536000; includeSubDomains";/);
  });

  it('re-resolves the backends (no 502 from a recreated container): resolver, zone, `resolve` on nginx >= 1.27.3', () => {
    const shared = readFileSync(join(ROOT, 'nginx', 'messenger-http.conf'), 'utf8');
    // Docker's embedded DNS server, asked again at least every 30 s.
    const valid = Number(/^resolver 127\.0\.0\.11 valid=(\d+)s\b/m.exec(shared)?.[1]);
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThanOrEqual(30);
    const upstream = /^upstream backend \{\n([\s\S]*?)^\}/m.exec(shared)?.[1] ?? '';
    expect(upstream).toMatch(/^ {4}zone backend \d+k;$/m);
    const servers = [...upstream.matchAll(/^ {4}server (\S+) (.*);$/gm)];
    expect(servers.length).toBeGreaterThan(0);
    for (const [, host, parameters] of servers)
      expect({ host, parameters }).toEqual({ host, parameters: expect.stringMatching(/\bresolve\b/) });
    // `resolve` on upstream servers is in open-source nginx since 1.27.3: the frontend image must have it.
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const version = /^ARG NGINX_IMAGE=nginxinc\/nginx-unprivileged:(\d+)\.(\d+)(?:\.(\d+))?-alpine$/m
      .exec(dockerfile)
      ?.slice(1)
      .map((part) => Number(part ?? 0));
    expect(version).toBeDefined();
    const [major = 0, minor = 0, patch = 0] = version ?? [];
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(1_027_003);
  });
});
