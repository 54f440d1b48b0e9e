import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoFile, ROOT, withoutCodeBlocks } from './markdown';

/**
 * docs/frd.md: every requirement (`- **ID** text`) has acceptance criteria and at least one test, written
 * `- Test: \`file\` › "test name"`, and every named test exists: the file is there and declares a test (or a step)
 * of exactly that name. A renamed or deleted test fails here until the requirement names its new test.
 */

interface Requirement {
  id: string;
  acceptance: boolean;
  tests: { file: string; name: string }[];
}

function requirements(): Requirement[] {
  const found: Requirement[] = [];
  for (const line of withoutCodeBlocks(readRepoFile('docs', 'frd.md')).split('\n')) {
    const start = /^- \*\*([A-Z]+-\d+)\*\*/.exec(line);
    if (start) {
      found.push({ id: start[1] ?? '', acceptance: false, tests: [] });
      continue;
    }
    const current = found.at(-1);
    if (!current) continue;
    if (/^\s+- Acceptance: \S/.test(line)) current.acceptance = true;
    const test = /^\s+- Test: `([^`]+)` › "(.*)"\s*$/.exec(line);
    if (test) current.tests.push({ file: test[1] ?? '', name: test[2] ?? '' });
  }
  return found;
}

/** The ways a test name is written in our sources: it('…'), it("…"), it(`…`), step('…'), describe('…'). */
const declares = (source: string, name: string) =>
  ["'", '"', '`'].some((quote) => {
    const escaped = quote === "'" ? name.replace(/'/g, "\\'") : quote === '"' ? name.replace(/"/g, '\\"') : name;
    return source.includes(`${quote}${escaped}${quote}`);
  });

it('reads the requirements (a reader that finds nothing would pass everything)', () => {
  const ids = requirements().map((requirement) => requirement.id);
  expect(ids).toEqual(expect.arrayContaining(['AUTH-1', 'MSG-4', 'SRCH-2', 'OPS-1', 'SEC-1']));
  expect(new Set(ids).size).toBe(ids.length);
});

it.each(requirements().map((requirement) => [requirement.id, requirement] as const))(
  '%s has acceptance criteria and names tests that exist',
  (_id, requirement) => {
    expect(requirement.acceptance).toBe(true);
    expect(requirement.tests.length).toBeGreaterThan(0);
    const missing = requirement.tests.filter(({ file, name }) => {
      const path = join(ROOT, file);
      return !existsSync(path) || !declares(readFileSync(path, 'utf8'), name);
    });
    expect(missing).toEqual([]);
  },
);
