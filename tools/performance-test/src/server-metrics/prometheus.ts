/** One sample of the Prometheus text exposition format (version 0.0.4), e.g. `name{label="value"} 1.5`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A line that is not valid exposition format: the scrape is refused rather than half read. */
export class PrometheusParseError extends Error {
  constructor(lineNo: number, reason: string, line: string) {
    super(`line ${lineNo}: ${reason}: ${line.length > 80 ? `${line.slice(0, 80)}…` : line}`);
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIMESTAMP = /^-?\d+$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n' };

/** A float as Go's ParseFloat reads it (which Prometheus uses): NaN and Inf in any case, e.g. prom-client's `Nan`. */
function parseValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return NaN;
  const infinity = /^([+-]?)inf(?:inity)?$/i.exec(text);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return FLOAT.test(text) ? Number(text) : undefined;
}

/** `{a="x",b="y\"z"}` from `start` (the `{`): the labels and the index just past the `}`. */
function parseLabels(line: string, start: number, fail: (reason: string) => never) {
  const labels: Record<string, string> = {};
  let i = start + 1;
  const skipBlanks = () => {
    while (line[i] === ' ' || line[i] === '\t') i++;
  };
  for (;;) {
    skipBlanks();
    if (line[i] === '}') return { labels, end: i + 1 };
    const name = LABEL_NAME.exec(line.slice(i))?.[0];
    if (!name) fail('expected a label name');
    if (name in labels) fail(`label "${name}" twice`);
    i += name.length;
    skipBlanks();
    if (line[i] !== '=') fail('expected = after a label name');
    i++;
    skipBlanks();
    if (line[i] !== '"') fail('expected a quoted label value');
    let value = '';
    for (i++; line[i] !== '"'; i++) {
      if (i >= line.length) fail('unterminated label value');
      if (line[i] === '\\') {
        const escaped = ESCAPES[line[i + 1] ?? ''];
        if (escaped === undefined) fail('bad escape in a label value');
        value += escaped;
        i++;
      } else {
        value += line[i];
      }
    }
    labels[name] = value;
    i++;
    skipBlanks();
    if (line[i] === ',') i++;
    else if (line[i] !== '}') fail('expected , or } after a label');
  }
}

/**
 * Parses a /metrics response strictly: every line must be a sample, a `# HELP` / `# TYPE` line, another comment
 * or blank; a malformed one throws a PrometheusParseError naming it. Timestamps are checked and dropped.
 */
export function parsePrometheus(text: string): PromSample[] {
  const samples: PromSample[] = [];
  const typed = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const fail: (reason: string) => never = (reason) => {
      throw new PrometheusParseError(index + 1, reason, line);
    };
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      const [, keyword, name, rest] = /^#\s*(HELP|TYPE)\s+(\S+)\s*(.*)$/.exec(trimmed) ?? [];
      if (keyword === undefined || name === undefined) return; // a plain comment
      if (METRIC_NAME.exec(name)?.[0] !== name) fail('bad metric name');
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest ?? '')) fail(`unknown type "${rest}"`);
        if (typed.has(name)) fail(`second TYPE for ${name}`);
        typed.add(name);
      }
      return;
    }
    const name = METRIC_NAME.exec(trimmed)?.[0];
    if (!name) fail('expected a metric name');
    let labels: Record<string, string> = {};
    let i = name.length;
    const brace = trimmed.slice(i).search(/\S/) + i;
    if (trimmed[brace] === '{') ({ labels, end: i } = parseLabels(trimmed, brace, fail));
    if (trimmed[i] !== ' ' && trimmed[i] !== '\t') fail('expected a blank before the value');
    const [valueText, timestamp, ...extra] = trimmed
      .slice(i)
      .trim()
      .split(/[ \t]+/);
    const value = parseValue(valueText ?? '');
    if (value === undefined) fail(`bad value "${valueText}"`);
    if (timestamp !== undefined && !TIMESTAMP.test(timestamp)) fail(`bad timestamp "${timestamp}"`);
    if (extra.length) fail('unexpected text after the timestamp');
    samples.push({ name, labels, value });
  });
  return samples;
}

/** The value of a metric with exactly these labels (a subset match), or undefined when it is not there. */
export function pick(samples: PromSample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )?.value;
}
