import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import {
  parsePrometheus,
  pick,
  PrometheusParseError,
} from '../../../tools/performance-test/src/server-metrics/prometheus';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSample, sampleServers } from '../../../tools/performance-test/src/server-metrics/sampler';
import { serverReport } from '../../../tools/performance-test/src/server-metrics/summary';
import { slope, trend, type Point } from '../../../tools/performance-test/src/server-metrics/trend';

describe('Prometheus text parser', () => {
  it('reads everything prom-client writes, labels with escapes included, and the four figures a soak watches', async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    new Gauge({ name: 'messenger_socket_connections', help: 'sockets', registers: [registry] }).set(42);
    new Gauge({ name: 'odd', help: 'labels', labelNames: ['v'] as const, registers: [registry] }).set(
      { v: 'a "quoted" \\ back\nslash' },
      -1.5e-7,
    );
    new Histogram({ name: 'h_seconds', help: 'h', buckets: [0.1], registers: [registry] }).observe(0.05);
    const samples = parsePrometheus(await registry.metrics());
    expect(samples.length).toBeGreaterThan(30);
    expect(pick(samples, 'odd', { v: 'a "quoted" \\ back\nslash' })).toBe(-1.5e-7);
    expect(pick(samples, 'h_seconds_bucket', { le: '+Inf' })).toBe(1);
    expect(pick(samples, 'h_seconds_bucket', { le: '0.1' })).toBe(1);
    expect(pick(samples, 'nope')).toBeUndefined();
    const sample = readSample(samples, 1_000);
    expect(sample).toMatchObject({ atMs: 1_000, sockets: 42 });
    expect(sample.rssMb).toBeGreaterThan(10);
    expect(sample.heapUsedMb).toBeGreaterThan(1);
    expect(sample.lagP99Ms).toEqual(expect.any(Number));
  });

  it('accepts the format’s corners: NaN, ±Inf, timestamps, trailing commas, blanks and comments', () => {
    const text = [
      '# a plain comment',
      '# TYPE a gauge',
      'a NaN',
      'b{x="1",} +Inf 1700000000000',
      'c { x = "2" } -Inf',
      '',
      'd\t.5e3\r',
    ].join('\n');
    const samples = parsePrometheus(text);
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ['a', NaN],
      ['b', Infinity],
      ['c', -Infinity],
      ['d', 500],
    ]);
    expect(samples[1]?.labels).toEqual({ x: '1' });
    expect(samples[2]?.labels).toEqual({ x: '2' });
  });

  it.each([
    ['a', 'expected a blank before the value'],
    ['a 1 2 3', 'unexpected text after the timestamp'],
    ['a one', 'bad value "one"'],
    ['a 1 1.5', 'bad timestamp "1.5"'],
    ['9a 1', 'expected a metric name'],
    ['a{x=1} 1', 'expected a quoted label value'],
    ['a{x="1} 1', 'unterminated label value'],
    ['a{x="\\t"} 1', 'bad escape in a label value'],
    ['a{x="1",x="2"} 1', 'label "x" twice'],
    ['a{x="1" y="2"} 1', 'expected , or } after a label'],
    ['# TYPE a gauge\n# TYPE a counter', 'second TYPE for a'],
    ['# TYPE a meter', 'unknown type "meter"'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(() => parsePrometheus(text)).toThrow(PrometheusParseError);
    expect(() => parsePrometheus(`ok 1\n${text}`)).toThrow(`line ${text.split('\n').length + 1}: ${reason}`);
  });
});

describe('growth trend', () => {
  const series = (seconds: number, every: number, value: (t: number) => number): Point[] =>
    Array.from({ length: Math.floor(seconds / every) + 1 }, (_, i) => ({ t: i * every, value: value(i * every) }));

  it('fits a least-squares slope', () => {
    expect(slope([{ t: 0, value: 1 }])).toBeNull();
    expect(slope(series(100, 10, (t) => 5 + 0.5 * t))).toBeCloseTo(0.5, 10);
    expect(slope([0, 10, 20].map((t) => ({ t: 0, value: t })))).toBeNull();
  });

  it('sees no growth in a GC sawtooth around a flat mean, judged over the second half only', () => {
    // 30 minutes every 10 s: warm-up from 60 to 100 MB in the first half, then a ±10 MB sawtooth around 100 MB.
    const points = series(1800, 10, (t) => (t < 900 ? 60 + (40 * t) / 900 : 100 + ((t / 10) % 6) * 4 - 10));
    const result = trend(points, 1800, 'MB');
    expect(result).toMatchObject({ samples: 91, fromSecond: 900, toSecond: 1800, growth: false });
    expect(Math.abs(result.percentOfMeanPer10Min ?? 99)).toBeLessThan(2);
    expect(result.verdict).toMatch(/^no growth trend: [+-][\d.]+ MB per 10 min/);
  });

  it('calls a slope of 2 % of the mean per 10 minutes or more growth', () => {
    // 100 MB growing 3 MB per 10 min: 3 % of the mean.
    const result = trend(
      series(1800, 10, (t) => 100 + (3 * t) / 600),
      1800,
      'MB',
    );
    expect(result.growth).toBe(true);
    expect(result.slopePer10Min).toBeCloseTo(3, 6);
    expect(result.verdict).toMatch(/^GROWTH: \+3 MB per 10 min \(2\.\d+ % of the mean\)/);
    expect(
      trend(
        series(10, 10, () => 5),
        10,
        'MB',
      ),
    ).toMatchObject({ samples: 1, growth: null, slopePer10Min: null });
  });

  it('reports each instance on the run’s clock with first / last / max and an overall verdict', () => {
    const startMs = 1_000_000;
    const samples = (grow: number) =>
      Array.from({ length: 61 }, (_, i) => ({
        atMs: startMs + (i - 1) * 10_000,
        rssMb: 150 + grow * i,
        heapUsedMb: 60,
        lagP99Ms: i === 30 ? 25 : 11,
        sockets: i ? 1000 : 0,
      }));
    const flat = { url: 'http://a:1', samples: samples(0), scrapes: 62, errors: 1, lastError: 'GET /metrics → 503' };
    const report = serverReport([flat], startMs, 600);
    const [instance] = report.instances;
    expect(report.verdict).toBe('no growth trend');
    expect(instance?.samples[0]).toMatchObject({ t: -10, sockets: 0 });
    expect(instance?.summary.lagP99Ms).toMatchObject({ first: 11, last: 11, max: 25 });
    expect(instance?.summary.sockets).toMatchObject({ first: 0, last: 1000, max: 1000 });
    expect(instance?.trend.rssMb).toMatchObject({ samples: 30, slopePer10Min: 0, growth: false });
    expect(report.warnings).toEqual([
      'server metrics: 1 of 62 scrapes of http://a:1/metrics failed (GET /metrics → 503)',
    ]);

    const leaking = { url: 'http://b:2', samples: samples(1), scrapes: 61, errors: 0 };
    const both = serverReport([flat, leaking], startMs, 600);
    expect(both.verdict).toBe('growth trend');
    expect(both.instances[1]?.trend.rssMb.slopePer10Min).toBeCloseTo(60, 6);
    expect(both.warnings[1]).toMatch(/^server http:\/\/b:2: memory grew/);
  });
});

describe('sampling', () => {
  let server: Server;
  let scrapes = 0;
  let goodScrapes = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      scrapes++;
      if (req.url === '/good/metrics') {
        goodScrapes++;
        res.end(`process_resident_memory_bytes ${100 * 2 ** 20}\nmessenger_socket_connections ${scrapes}\n`);
      } else if (req.url === '/bad/metrics') res.end('process_resident_memory_bytes lots\n');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('scrapes every instance at once, on the interval and at the end, and counts failures without throwing', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sampler = sampleServers([`${base}/good`, `${base}/bad`, `${base}/gone`, 'http://127.0.0.1:9'], 0.1);
    // Until the interval has scraped thrice (the first scrape is at the start), however slow the machine is.
    while (goodScrapes < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    const [good, bad, gone, down] = await sampler.stop();
    expect(good?.samples.length).toBeGreaterThanOrEqual(4);
    expect(good?.samples[0]).toMatchObject({ rssMb: 100, heapUsedMb: null, lagP99Ms: null });
    expect(good).toMatchObject({ errors: 0, scrapes: good?.samples.length });
    expect(bad).toMatchObject({
      samples: [],
      lastError: 'line 1: bad value "lots": process_resident_memory_bytes lots',
    });
    expect(gone).toMatchObject({ samples: [], lastError: 'GET /metrics → 404' });
    expect(down?.samples).toEqual([]);
    for (const failing of [bad, gone, down]) expect(failing?.errors).toBe(failing?.scrapes);
  });
});
