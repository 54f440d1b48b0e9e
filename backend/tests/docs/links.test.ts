import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import {
  codeBlocks,
  codeSpans,
  headingAnchors,
  markdownFiles,
  readRepoFile,
  ROOT,
  withoutCodeBlocks,
} from './markdown';

/**
 * The documentation checks that need no server: every relative link of the README, CONTRIBUTING and everything
 * under docs/ and specs/ reaches an existing file (and its #anchor an existing heading, by GitHub's slug rules),
 * and every npm script the README tells people to run exists in the package.json of the folder it is run from.
 */

const FILES = ['README.md', 'CONTRIBUTING.md', ...markdownFiles('docs'), ...markdownFiles('specs')];

/** Inline links and images `[text](target "title")` and reference definitions `[id]: target`, outside code. */
function linkTargets(markdown: string): string[] {
  const prose = withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '``');
  const inline = [...prose.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)];
  return [...inline, ...references].map((match) => match[1] ?? '');
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

const anchorsOf = new Map<string, Set<string>>();
const anchors = (file: string) => {
  if (!anchorsOf.has(file)) anchorsOf.set(file, headingAnchors(readFileSync(file, 'utf8')));
  return anchorsOf.get(file) ?? new Set<string>();
};

it('finds the documents and their links (a reader that finds nothing would pass everything)', () => {
  expect(FILES).toEqual(expect.arrayContaining(['README.md', 'docs/arch.md', 'specs/001-messenger-app/data-model.md']));
  expect(linkTargets(readRepoFile('README.md')).length).toBeGreaterThan(5);
  expect(linkTargets('[a](x.md#b) ![i](img.png "t") `[no](code.md)`\n\n[ref]: ./y.md\n')).toEqual([
    'x.md#b',
    'img.png',
    './y.md',
  ]);
  expect(headingAnchors('# Quick Start\n## `message:new`\n## Tech Stack & more\n## Tech Stack & more\n')).toEqual(
    new Set(['quick-start', 'messagenew', 'tech-stack--more', 'tech-stack--more-1']),
  );
});

it.each(FILES)('%s: every relative link reaches a file, and every #anchor a heading', (file) => {
  const broken: string[] = [];
  for (const target of linkTargets(readRepoFile(file))) {
    if (isExternal(target)) continue;
    const [path = '', anchor] = target.split('#');
    const resolved = path ? normalize(join(ROOT, dirname(file), decodeURI(path))) : join(ROOT, file);
    if (!resolved.startsWith(ROOT) || !existsSync(resolved)) {
      broken.push(`${target} (no such file: ${relative(ROOT, resolved)})`);
      continue;
    }
    if (anchor === undefined || !anchor) continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
      broken.push(`${target} (an anchor into something that is not a markdown file)`);
    } else if (!anchors(resolved).has(decodeURIComponent(anchor).toLowerCase())) {
      broken.push(`${target} (no heading for #${anchor})`);
    }
  }
  expect(broken).toEqual([]);
});

/** `npm run x`, `npm test`, `npm start`... as written in the README, with the folder each is run from. */
function readmeScripts(): { folder: string; script: string; line: string }[] {
  const found: { folder: string; script: string; line: string }[] = [];
  const readme = readRepoFile('README.md');
  const commands = [
    ...codeBlocks(readme)
      .filter((block) => ['', 'bash', 'sh', 'shell', 'console'].includes(block.lang))
      .map((block) => block.body.split('\n')),
    // Inline commands count where they name their workspace (`npm run generate -w backend`).
    ...codeSpans(withoutCodeBlocks(readme))
      .filter((span) => /\bnpm\b.*\s(-w|--workspace)[\s=]/.test(span))
      .map((span) => [span]),
  ];
  for (const lines of commands) {
    let folder = '.';
    for (const raw of lines) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      // A `cd` on a line of its own holds for the lines after it; `cd x && npm test` only for its own line (the
      // README's one-liners are each meant to be run from the repository root).
      const parts = line.split(/&&|;|\|\|/).map((piece) => piece.trim());
      const standalone = /^cd\s+(\S+)$/.exec(line);
      if (standalone) {
        folder = normalize(join(folder, standalone[1] ?? '.'));
        continue;
      }
      let lineFolder = folder;
      for (const part of parts) {
        const cd = /^cd\s+(\S+)$/.exec(part);
        if (cd) {
          lineFolder = normalize(join(lineFolder, cd[1] ?? '.'));
          continue;
        }
        const npm = /^(?:[A-Z_]+=\S*\s+)*npm\s+(run\s+([\w:.-]+)|test|start|stop|restart)\b(.*)$/.exec(part);
        if (!npm) continue;
        const script = npm[2] ?? (npm[1] ?? '').trim();
        const workspace = /(?:-w|--workspace)[\s=]+(\S+)/.exec(npm[3] ?? '')?.[1];
        found.push({ folder: workspace ? normalize(join(lineFolder, workspace)) : lineFolder, script, line });
      }
    }
  }
  return found;
}

it('reads the README commands (a reader that finds nothing would pass everything)', () => {
  const scripts = readmeScripts();
  expect(scripts).toEqual(expect.arrayContaining([expect.objectContaining({ folder: '.', script: 'start' })]));
  expect(scripts.some((entry) => entry.folder === 'backend')).toBe(true);
});

it('every npm script in the README exists in the package.json of the folder it is run from', () => {
  const missing = readmeScripts().filter(({ folder, script }) => {
    const manifest = join(ROOT, folder, 'package.json');
    if (!existsSync(manifest)) return true;
    const { scripts = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> };
    return !(script in scripts);
  });
  expect(missing).toEqual([]);
});
