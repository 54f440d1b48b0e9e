import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTestServer } from '../helpers/test-server';
import { cliRunner } from './run-cli';

const server = useTestServer({ RATE_LIMIT_ENABLED: 'false' });
const runCli = cliRunner(server);

it('samples the server’s /metrics during the run into the reports, with a trend summary', async () => {
  const args = ['--users', '6', '--rate', '10', '--duration', '4', '--report', 'report.json'];
  const { code, output, cwd } = await runCli([...args, '--server-metrics-every', '0.5'], { USER_PREFIX: 'soak' });
  expect(code).toBeLessThanOrEqual(1); // 1 only when this shared machine was too slow for a latency target
  expect(output).toMatch(/server http:\/\/127\.0\.0\.1:\d+: \d+ samples \(0 of \d+ scrapes failed\)/);
  expect(output).toMatch(/server memory: not judged \(growth = a slope of ≥ 2 % of the mean/);

  const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8'));
  expect(report.config).toMatchObject({ serverMetrics: true, serverMetricsEvery: 0.5 });
  const metrics = report.serverMetrics;
  expect(metrics.thresholdPercentPer10Min).toBe(2);
  expect(metrics.instances).toHaveLength(1);
  const [instance] = metrics.instances;
  expect(instance.url).toBe(server.url);
  expect(instance.errors).toBe(0);
  // Every 0.5 s over the ramp-up, 4 s of sending and the drain, plus the first and the last scrape.
  expect(instance.samples.length).toBeGreaterThanOrEqual(8);
  expect(instance.samples[0].t).toBeLessThan(0.5);
  expect(instance.samples.at(-1).t).toBeGreaterThanOrEqual(4);
  expect(instance.samples[0]).toEqual({
    t: expect.any(Number),
    rssMb: expect.any(Number),
    heapUsedMb: expect.any(Number),
    lagP99Ms: expect.any(Number),
    sockets: expect.any(Number),
  });
  expect(instance.summary.rssMb.max).toBeGreaterThan(10);
  expect(instance.summary.heapUsedMb.first).toBeGreaterThan(1);
  expect(instance.summary.sockets.max).toBe(6); // all six users connected at once at some scrape
  for (const figure of ['rssMb', 'heapUsedMb']) {
    const trend = instance.trend[figure];
    // 2 s of fitted samples: the slope is given, the verdict left to runs whose second half is 5 min or more.
    expect(trend).toMatchObject({ fromSecond: 2, toSecond: 4, growth: null });
    expect(trend.samples).toBeGreaterThanOrEqual(3);
    expect(trend.slopePer10Min).toEqual(expect.any(Number));
    expect(trend.verdict).toMatch(
      /^not judged \(the second half of sending is under 5 min\): [+-][\d.]+ MB per 10 min/,
    );
  }
  expect(metrics.verdict).toBe('not judged');

  const html = readFileSync(join(cwd, 'report.html'), 'utf8');
  expect(html).toContain('Server metrics: ');
  expect(html).toContain('Server memory: resident (RSS) and heap used');
  expect(html).toContain('Server event-loop lag p99');
  expect(html).not.toMatch(/<script|https?:\/\/cdn/);
}, 90_000);
