import { writeFileSync } from 'node:fs';
import { dirname, extname, join, basename } from 'node:path';
import { renderHtml } from './html';
import type { RunResult } from './result';

/** Writes the JSON report and the self-contained HTML one next to it (report.json → report.html). */
export function writeReports(path: string, result: RunResult): { json: string; html: string } {
  const html = join(dirname(path), `${basename(path, extname(path))}.html`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(html, renderHtml(result));
  return { json: path, html };
}
