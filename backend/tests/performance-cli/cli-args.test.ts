import { helpText, parseCli, UsageError } from '../../../tools/performance-test/src/cli';

describe('performance CLI arguments', () => {
  it('has the README defaults', () => {
    const config = parseCli([], {})!;
    expect(config).toMatchObject({ target: 'http://localhost:3000', users: 100, rate: 10, duration: 30, reuse: false });
    expect(config).toMatchObject({ groups: 10, groupSize: { min: 5, max: 50 }, largeGroups: 0, rampUp: 1 });
    expect(config.receiptInterval).toBe(1);
    expect(config.world).toBe('.perf-world.json');
    expect(config.report).toBeUndefined();
  });

  it('reads the environment and lets flags override it', () => {
    const env = { NUM_USERS: '1000', MSG_PER_SEC: '50', DURATION: '60', TARGET_URL: 'http://env:1/' };
    expect(parseCli([], env)).toMatchObject({ users: 1000, rate: 50, duration: 60, target: 'http://env:1' });
    expect(parseCli([], env)).toMatchObject({ largeGroups: 1, largeGroupSize: 300, groups: 100, rampUp: 10 });
    const flags = [
      '--users',
      '20',
      '-r',
      '5',
      '--duration=2',
      '--target',
      'http://flag:2',
      '--reuse',
      '--group-size',
      '8',
    ];
    expect(parseCli(flags, env)).toMatchObject({
      users: 20,
      rate: 5,
      duration: 2,
      target: 'http://flag:2',
      reuse: true,
      groupSize: { min: 8, max: 8 },
    });
    expect(parseCli(['--socket-targets', 'http://a:1/, http://b:2'], env)).toMatchObject({
      target: 'http://env:1',
      socketTargets: ['http://a:1', 'http://b:2'],
    });
    expect(parseCli([], env)?.socketTargets).toEqual(['http://env:1']);
    expect(parseCli([], env)?.localIps).toEqual([]);
    expect(parseCli(['--local-ips', '127.0.0.1-127.0.0.3, 10.1.2.9'], env)?.localIps).toEqual([
      '127.0.0.1',
      '127.0.0.2',
      '127.0.0.3',
      '10.1.2.9',
    ]);
    expect(parseCli([], { PERF_LOCAL_IPS: '127.0.0.5' })?.localIps).toEqual(['127.0.0.5']);
    expect(parseCli(['--report', 'out/r.json', '--world', 'w.json', '--workers', '2'], {})).toMatchObject({
      report: 'out/r.json',
      world: 'w.json',
      workers: 2,
    });
  });

  it('sends right after the last connect unless asked to let the server settle first', () => {
    expect(parseCli([], {})?.settle).toBe(0);
    expect(parseCli(['--settle', '15'], {})?.settle).toBe(15);
    expect(parseCli([], { PERF_SETTLE: '2.5' })?.settle).toBe(2.5);
    expect(() => parseCli(['--settle=-1'], {})).toThrow('--settle must be a positive number');
  });

  it('samples the server only when asked, every 10 s unless told otherwise', () => {
    expect(parseCli([], {})).toMatchObject({ serverMetrics: false, serverMetricsEvery: 10 });
    expect(parseCli(['--server-metrics'], {})).toMatchObject({ serverMetrics: true, serverMetricsEvery: 10 });
    expect(parseCli([], { PERF_SERVER_METRICS: 'true' })).toMatchObject({ serverMetrics: true });
    expect(parseCli(['--server-metrics-every', '2.5'], {})).toMatchObject({
      serverMetrics: true,
      serverMetricsEvery: 2.5,
    });
    expect(parseCli([], { PERF_SERVER_METRICS: 'no', PERF_SERVER_METRICS_EVERY: '5' })).toMatchObject({
      serverMetrics: false,
    });
    expect(helpText()).toMatch(/--server-metrics\s+scrape <target>\/metrics/);
    expect(helpText()).toContain('2 % of the mean per 10 minutes');
  });

  it.each([
    [['--server-metrics-every', '0'], {}, '--server-metrics-every must be a positive number'],
    [[], { PERF_SERVER_METRICS: 'maybe' }, 'PERF_SERVER_METRICS must be true or false'],
    [['--users', 'many'], {}, '--users must be a whole number'],
    [[], { NUM_USERS: 'many' }, 'NUM_USERS must be a whole number'],
    [['--rate', '0'], {}, '--rate must be a positive number'],
    [['--duration=-3'], {}, '--duration must be a positive number'],
    [['--group-size', '9-3'], {}, '--group-size must be N or MIN-MAX'],
    [['--group-share', '2'], {}, '--group-share must be a number from 0 to 1'],
    [['--users', '1'], {}, '--users must be at least 2'],
    [['--target', 'localhost'], {}, '--target must be an http(s) URL'],
    [['--socket-targets', 'http://a:1,b'], {}, '--socket-targets must be http(s) URLs'],
    [['--local-ips', '127.0.0.300'], {}, '--local-ips must be IPv4 addresses'],
    [['--local-ips', '127.0.0.9-127.0.0.2'], {}, '--local-ips must be IPv4 addresses'],
    [['--local-ips', '127.0.0.1-127.0.1.2'], {}, '--local-ips must be IPv4 addresses'],
    [['--local-ips', 'localhost'], {}, '--local-ips must be IPv4 addresses'],
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['stray'], {}, 'stray'],
  ])('refuses %j %j', (argv, env, message) => {
    expect(() => parseCli(argv, env)).toThrow(UsageError);
    expect(() => parseCli(argv, env)).toThrow(message);
  });

  it('answers --help with every flag explained', () => {
    expect(parseCli(['--help'], {})).toBeNull();
    for (const flag of [
      '--users',
      '--rate',
      '--duration',
      '--target',
      '--groups',
      '--group-size',
      '--ramp-up',
      '--report',
      '--reuse',
      '--world',
      '--workers',
    ]) {
      expect(helpText()).toContain(flag);
    }
    expect(helpText()).toContain('NUM_USERS');
  });
});
