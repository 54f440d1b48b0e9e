import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env';
import { CI_TOOLS_DIR, itWithTool, PROD_TEST_ENV, ROOT, run, which } from './tools';

/**
 * k8s-redis-cluster/: the release of k8s/ on a Redis Cluster (a kustomize overlay; kustomize refuses one inside
 * its base's folder). Its documents validate against the Kubernetes schemas, its pods meet Pod Security
 * "restricted" like every other, only the backend (and the Job that creates the cluster) reach the nodes, and
 * what it renders gives the backend a configuration the server accepts.
 */
const OVERLAY = join(ROOT, 'k8s-redis-cluster');
const files = readdirSync(OVERLAY).filter((name) => name.endsWith('.yaml'));
const installed = existsSync(join(CI_TOOLS_DIR, 'node_modules', 'kubernetes-models', 'package.json'));
const itSchemas = itWithTool(
  installed,
  `kubernetes-models is not installed in ${CI_TOOLS_DIR} (see kubernetes.test.ts)`,
);
const itKubectl = itWithTool(which('kubectl') !== undefined, 'kubectl is not installed', false);

/* eslint-disable @typescript-eslint/no-explicit-any -- YAML documents are checked field by field below. */
type Yaml = any;

function parse(text: string): Yaml[] {
  const { parseAllDocuments } = createRequire(join(CI_TOOLS_DIR, 'package.json'))('yaml') as {
    parseAllDocuments: (text: string) => { toJS: () => Yaml }[];
  };
  return parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter((object) => object?.kind);
}

const overlayObjects = () =>
  files.flatMap((file) => parse(readFileSync(join(OVERLAY, file), 'utf8'))).filter((o) => o.kind !== 'Kustomization');
const find = (objects: Yaml[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

itSchemas('every document of k8s-redis-cluster/ is valid against the Kubernetes schemas', () => {
  const result = run(process.execPath, [
    join(ROOT, 'scripts', 'validate-k8s.mjs'),
    ...files.map((f) => join(OVERLAY, f)),
  ]);
  if (result.status !== 0) throw new Error(result.stderr + result.stdout);
  expect(result.stdout).toMatch(/ 0 invalid/);
  for (const name of files) expect(result.stdout).toContain(`✓ ${name}:`);
});

itSchemas('six nodes in the namespace, each pod Pod Security "restricted" with a read-only root filesystem', () => {
  const objects = overlayObjects();
  for (const object of objects) expect(object.metadata.namespace).toBe('chat-app');
  const nodes = find(objects, 'StatefulSet', 'redis-cluster');
  expect(nodes.spec.replicas).toBe(6);
  const args = nodes.spec.template.spec.containers[0].args.join(' ').replace(/\s+/g, ' ');
  for (const setting of ['--cluster-enabled yes', '--masterauth', '--cluster-preferred-endpoint-type hostname'])
    expect({ setting, set: args.includes(setting) }).toEqual({ setting, set: true });
  const create = find(objects, 'Job', 'redis-cluster-create');
  expect(create.spec.template.spec.containers[0].args.join(' ')).toContain('--cluster-replicas 1');
  for (const workload of [nodes, create]) {
    const pod = workload.spec.template.spec;
    for (const container of pod.containers) {
      const context = { ...pod.securityContext, ...container.securityContext };
      expect({
        name: workload.metadata.name,
        runAsNonRoot: context.runAsNonRoot,
        runAsUser: context.runAsUser > 0,
        seccomp: context.seccompProfile?.type,
        allowPrivilegeEscalation: context.allowPrivilegeEscalation,
        drop: context.capabilities?.drop,
        readOnlyRootFilesystem: context.readOnlyRootFilesystem,
      }).toEqual({
        name: workload.metadata.name,
        runAsNonRoot: true,
        runAsUser: true,
        seccomp: 'RuntimeDefault',
        allowPrivilegeEscalation: false,
        drop: ['ALL'],
        readOnlyRootFilesystem: true,
      });
    }
  }
  expect(find(objects, 'PodDisruptionBudget', 'redis-cluster').spec.maxUnavailable).toBe(1);
});

itSchemas('only the backend and the cluster-creating Job reach the nodes; the nodes reach each other’s bus', () => {
  const policy = find(overlayObjects(), 'NetworkPolicy', 'redis-cluster');
  expect(policy.spec.podSelector.matchLabels).toEqual({ app: 'redis-cluster' });
  const rules = policy.spec.ingress.map((rule: Yaml) => ({
    from: rule.from.flatMap((peer: Yaml) => [
      ...Object.values(peer.podSelector.matchLabels ?? {}),
      ...(peer.podSelector.matchExpressions ?? []).flatMap((expression: Yaml) => expression.values),
    ]),
    ports: rule.ports.map((port: Yaml) => port.port),
  }));
  expect(rules).toEqual([
    { from: ['backend', 'redis-cluster-create'], ports: [6379] },
    { from: ['redis-cluster'], ports: [6379, 16379] },
  ]);
});

itKubectl(
  'kubectl kustomize renders the release without the one Redis, and a backend configuration that is accepted',
  () => {
    const result = run('kubectl', ['kustomize', OVERLAY]);
    if (result.status !== 0) throw new Error(result.stderr);
    if (!installed) return;
    const objects = parse(result.stdout);
    for (const kind of ['StatefulSet', 'Service', 'NetworkPolicy'])
      expect({ kind, redis: find(objects, kind, 'redis') }).toEqual({ kind, redis: undefined });
    const rendered = join(tmpdir(), `rendered-cluster-${process.pid}.yaml`);
    writeFileSync(rendered, result.stdout);
    const validation = run(process.execPath, [join(ROOT, 'scripts', 'validate-k8s.mjs'), rendered]);
    rmSync(rendered, { force: true });
    expect(validation.status).toBe(0);

    // What the backend and the migration read: the ConfigMap, the Secret (its example, with real JWT secrets), and
    // the container's own env over both.
    const configMap = find(objects, 'ConfigMap', 'chat-app-config').data as Record<string, string>;
    const secret = parse(readFileSync(join(ROOT, 'k8s', 'secret.example.yaml'), 'utf8'))[0].stringData;
    const migrate = objects.find((object) => object.kind === 'Job' && object.metadata.labels?.app === 'migrate');
    for (const workload of [find(objects, 'Deployment', 'backend'), migrate]) {
      const env = Object.fromEntries(
        workload.spec.template.spec.containers[0].env.map((entry: Yaml) => [
          entry.name,
          entry.value ?? secret[entry.valueFrom.secretKeyRef.key],
        ]),
      );
      const config = loadConfig({
        ...configMap,
        ...secret,
        JWT_SECRET: PROD_TEST_ENV.JWT_SECRET,
        JWT_REFRESH_SECRET: PROD_TEST_ENV.JWT_REFRESH_SECRET,
        ...env,
      });
      expect(config.REDIS_URL).toBeUndefined();
      expect(config.REDIS_CLUSTER_PASSWORD).toBe(secret.REDIS_PASSWORD);
      // Nodes of the StatefulSet, by their stable names.
      for (const { host, port } of config.REDIS_CLUSTER_NODES ?? [])
        expect({ host, port }).toEqual({
          host: expect.stringMatching(/^redis-cluster-[0-5]\.redis-cluster$/),
          port: 6379,
        });
      expect(config.REDIS_CLUSTER_NODES?.length).toBeGreaterThanOrEqual(3);
    }
  },
);
