import { readRepoFile, sections } from './markdown';

/**
 * The README keeps every section the project's original README (the seed) promised, under the same names, so that
 * a reader who knows that layout finds each one, and its table of contents links to each.
 */
const SEED_SECTIONS = [
  'Overview',
  'Features',
  'Tech Stack',
  'Architecture',
  'Prerequisites',
  'Quick Start',
  'Local Development',
  'Environment Variables',
  'Database Setup',
  'Running Tests',
  'Deployment',
  'Performance Testing',
  'API Documentation',
  'Troubleshooting',
  'Contributing',
  'License',
];

const readme = readRepoFile('README.md');
const headings = sections(readme)
  .filter((section) => section.level === 2)
  .map((section) => section.title);

it('has every section of the seed README as a second-level heading', () => {
  expect(SEED_SECTIONS.filter((title) => !headings.includes(title))).toEqual([]);
});

it('opens with the quick start: the first section after the table of contents', () => {
  expect(headings.filter((title) => title !== 'Table of Contents')[0]).toBe('Quick Start');
  // Its first command is the two-command start (code blocks are left out of section bodies: read the raw text).
  const quickStart = readme.slice(readme.indexOf('## Quick Start'));
  expect(/```bash\n([^\n]*)/.exec(quickStart)?.[1]).toMatch(/^npm install && npm start\b/);
});

it('lists every section in its table of contents', () => {
  const contents = sections(readme).find((section) => section.title === 'Table of Contents')?.body ?? '';
  const listed = [...contents.matchAll(/^- \[([^\]]+)\]\(#[^)]+\)/gm)].map((match) => match[1]);
  expect(listed).toEqual(headings.filter((title) => title !== 'Table of Contents'));
});
