import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './env';
import { withStoredSecrets } from './secrets';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'messenger-secrets-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('signing secrets kept in DATA_DIR', () => {
  it('are generated on the first start (random, 0600) and reused by later starts', () => {
    const DATA_DIR = join(root, 'not-yet-there');
    const first = withStoredSecrets({ DATA_DIR });
    const file = join(DATA_DIR, 'secrets.json');
    expect(first.stored).toEqual({ file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = loadConfig(first.env);
    expect(Buffer.from(config.JWT_SECRET, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(config.JWT_REFRESH_SECRET, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(config.JWT_SECRET).not.toBe(config.JWT_REFRESH_SECRET);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      JWT_SECRET: config.JWT_SECRET,
      JWT_REFRESH_SECRET: config.JWT_REFRESH_SECRET,
    });

    const second = withStoredSecrets({ DATA_DIR });
    expect(second.stored).toEqual({ file, created: false });
    expect(loadConfig(second.env)).toMatchObject({
      JWT_SECRET: config.JWT_SECRET,
      JWT_REFRESH_SECRET: config.JWT_REFRESH_SECRET,
    });
    // Another data folder is another installation, with secrets of its own.
    expect(loadConfig(withStoredSecrets({ DATA_DIR: join(root, 'other') }).env).JWT_SECRET).not.toBe(config.JWT_SECRET);
  });

  it('give way to the environment, and are never made in production', () => {
    const JWT_SECRET = 'a-secret-set-by-the-operator-0123456789';
    const partly = withStoredSecrets({ DATA_DIR: root, JWT_SECRET });
    expect(partly.env.JWT_SECRET).toBe(JWT_SECRET);
    expect(partly.env.JWT_REFRESH_SECRET).toEqual(expect.any(String));

    const elsewhere = join(root, 'explicit');
    const both = { DATA_DIR: elsewhere, JWT_SECRET, JWT_REFRESH_SECRET: `${JWT_SECRET}-refresh` };
    expect(withStoredSecrets(both)).toEqual({ env: both });
    expect(withStoredSecrets({ DATA_DIR: elsewhere, NODE_ENV: 'production' }).stored).toBeUndefined();
    expect(existsSync(join(elsewhere, 'secrets.json'))).toBe(false);
  });

  it('are refused, with what to do, when other users could read the file or it is not ours', () => {
    withStoredSecrets({ DATA_DIR: root });
    const file = join(root, 'secrets.json');
    chmodSync(file, 0o644);
    expect(() => withStoredSecrets({ DATA_DIR: root })).toThrow(
      `${file} is open to other users (mode 644), so its signing secrets may have leaked. Run \`chmod 600 ${file}\``,
    );
    chmodSync(file, 0o600);
    expect(() => withStoredSecrets({ DATA_DIR: root })).not.toThrow();

    writeFileSync(file, '{"JWT_SECRET": 1}', { mode: 0o600 });
    expect(() => withStoredSecrets({ DATA_DIR: root })).toThrow(/does not hold JWT_SECRET and JWT_REFRESH_SECRET/);
  });
});
