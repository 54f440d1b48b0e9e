import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root (backend/tests/docs → ../../..). */
export const ROOT = join(__dirname, '..', '..', '..');

export const readRepoFile = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');

/** Markdown with its fenced code blocks blanked out (line numbers kept), so that examples are not read as prose. */
export function withoutCodeBlocks(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && opening) {
        fence = opening;
        return '';
      }
      if (fence !== undefined) {
        if (line.trim().startsWith(fence)) fence = undefined;
        return '';
      }
      return line;
    })
    .join('\n');
}

/** The fenced code blocks of a markdown file, with their info string (`bash`, `mermaid`, ...). */
export function codeBlocks(markdown: string): { lang: string; body: string }[] {
  const blocks: { lang: string; body: string }[] = [];
  let current: { fence: string; lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!current && opening) current = { fence: opening[1] ?? '```', lang: opening[2] ?? '', lines: [] };
    else if (current && line.trim().startsWith(current.fence)) {
      blocks.push({ lang: current.lang, body: current.lines.join('\n') });
      current = undefined;
    } else current?.lines.push(line);
  }
  return blocks;
}

export interface Section {
  level: number;
  title: string;
  body: string;
}

/** Headings and the text under each, up to the next heading of any level. Code blocks are not searched. */
export function sections(markdown: string): Section[] {
  const result: Section[] = [];
  let current: Section | undefined;
  for (const line of withoutCodeBlocks(markdown).split('\n')) {
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = { level: heading[1]?.length ?? 0, title: heading[2] ?? '', body: '' };
      result.push(current);
    } else if (current) current.body += `${line}\n`;
  }
  return result;
}

/** The rows of the first markdown table in a text, as cells (the header and the --- row left out). */
export function firstTable(text: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim().startsWith('|'));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(2);
}

/** Every `code span` in a text. */
export const codeSpans = (text: string): string[] => [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped (letters, digits, spaces, `-` and `_` kept),
 * spaces to `-`; repeated headings get `-1`, `-2`, ...
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { title } of sections(markdown)) {
    const text = title
      .replace(/`([^`]*)`/g, '$1')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '');
    const base = text
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Markdown files under a folder of the repository, recursively, as paths relative to the root. */
export function markdownFiles(folder: string): string[] {
  const start = join(ROOT, folder);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(relative(ROOT, path));
    }
  };
  walk(start);
  return found.sort();
}
