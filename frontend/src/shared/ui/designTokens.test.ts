import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Tailwind's own palette is switched off (index.css), so a class such as `bg-white` or `text-slate-500` would
 * silently produce no style at all, in either theme. Components use the semantic tokens instead.
 */
const PALETTE_CLASS =
  /\b(?:bg|text|border|ring|fill|stroke|outline|divide|placeholder|shadow|from|to)-(?:(?:slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-\d{2,3}|white|black)\b/g;

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the design tokens', () => {
  it('are the only colours components use: no Tailwind palette class anywhere in src', () => {
    const found = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(PALETTE_CLASS)].map((match) => `${relative(SRC, file)}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });
});
