import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './tools';

/** Prometheus and Grafana (compose profile `monitoring`) cover the metrics the backend exports. */
const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');

interface Dashboard {
  uid: string;
  panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
}

it('the Grafana dashboard charts every metric of backend/src/lib/metrics.ts', () => {
  const names = [...read('backend', 'src', 'lib', 'metrics.ts').matchAll(/name: '([a-z_]+)'/g)].map((m) => m[1] ?? '');
  expect(names.length).toBeGreaterThanOrEqual(5);
  const dashboard = JSON.parse(read('monitoring', 'grafana', 'dashboards', 'messenger.json')) as Dashboard;
  const expressions = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)).join('\n');
  for (const name of names) expect({ name, charted: expressions.includes(name) }).toEqual({ name, charted: true });
  // prom-client's default metrics, used for CPU, memory and event-loop lag.
  for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds'])
    expect(expressions).toContain(name);
});

it('the dashboard uses the provisioned data source, and Prometheus scrapes every backend instance', () => {
  const datasource = read('monitoring', 'grafana', 'provisioning', 'datasources', 'prometheus.yml');
  const uid = /uid: (\S+)/.exec(datasource)?.[1];
  expect(datasource).toMatch(/url: http:\/\/prometheus:9090/);
  const dashboard = JSON.parse(read('monitoring', 'grafana', 'dashboards', 'messenger.json')) as Dashboard;
  for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe(uid);
  const prometheus = read('monitoring', 'prometheus.yml');
  expect(prometheus).toMatch(/metrics_path: \/metrics/);
  expect(prometheus).toMatch(/names: \[backend\]\n\s*type: A\n\s*port: 3000/);
  const provider = read('monitoring', 'grafana', 'provisioning', 'dashboards', 'messenger.yml');
  expect(provider).toMatch(/path: \/var\/lib\/grafana\/dashboards/);
  for (const file of ['docker-compose.yml', 'docker-compose.prod.yml']) {
    const compose = read(file);
    expect(compose).toContain('./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(compose).toContain('./monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro');
    expect(compose).toMatch(/profiles: \[monitoring\]/);
  }
});
