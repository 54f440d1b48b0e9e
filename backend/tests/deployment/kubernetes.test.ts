import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CI_TOOLS_DIR, itWithTool, ROOT, run, SEAWEEDFS_IMAGE, which } from './tools';

/**
 * Every manifest in k8s/ validates against the Kubernetes API schemas, offline: scripts/validate-k8s.mjs with
 * the npm package kubernetes-models (compiled JSON-schema validators), installed by .ci/run outside the repo.
 */
const installed = existsSync(join(CI_TOOLS_DIR, 'node_modules', 'kubernetes-models', 'package.json'));
const itSchemas = itWithTool(
  installed,
  `kubernetes-models is not installed in ${CI_TOOLS_DIR}: cp scripts/ci-tools/package*.json ${CI_TOOLS_DIR}/ && npm ci --prefix ${CI_TOOLS_DIR}`,
);

const manifests = readdirSync(join(ROOT, 'k8s')).filter((name) => name.endsWith('.yaml'));
/** The API objects (kustomization.yaml is kustomize's configuration). */
const objectFiles = manifests.filter((name) => name !== 'kustomization.yaml');

/**
 * kubectl renders the kustomization with its built-in kustomize. Neither Debian's packages nor npm ship it, so it
 * is optional even in CI (our machines have it): the static checks of kustomization.yaml run without it.
 */
const itKubectl = itWithTool(
  which('kubectl') !== undefined,
  'kubectl is not installed (it renders k8s/kustomization.yaml with its built-in kustomize)',
  false,
);

/* eslint-disable @typescript-eslint/no-explicit-any -- YAML documents are checked field by field below. */
type Yaml = any;

/** Every API object of k8s/*.yaml, parsed with the `yaml` package of the CI tools. */
function k8sObjects(): { file: string; object: Yaml }[] {
  const { parseAllDocuments } = createRequire(join(CI_TOOLS_DIR, 'package.json'))('yaml') as {
    parseAllDocuments: (text: string) => { toJS: () => Yaml }[];
  };
  return objectFiles.flatMap((file) =>
    parseAllDocuments(readFileSync(join(ROOT, 'k8s', file), 'utf8'))
      .map((doc) => ({ file, object: doc.toJS() }))
      .filter(({ object }) => object?.kind),
  );
}

/** The workloads (Deployment, StatefulSet, Job) with their pod template's spec and labels. */
function workloads(objects: { file: string; object: Yaml }[]) {
  return objects
    .filter(({ object }) => ['Deployment', 'StatefulSet', 'Job'].includes(object.kind))
    .map(({ object }) => ({
      name: `${object.kind}/${object.metadata.name}`,
      labels: (object.spec.template.metadata?.labels ?? {}) as Record<string, string>,
      pod: object.spec.template.spec,
    }));
}

/** Whether a NetworkPolicy peer's podSelector selects pods with these labels. */
function selects(selector: Yaml, labels: Record<string, string>): boolean {
  const matchLabels = Object.entries((selector?.matchLabels ?? {}) as Record<string, string>);
  const expressions = (selector?.matchExpressions ?? []) as { key: string; operator: string; values: string[] }[];
  return (
    matchLabels.every(([key, value]) => labels[key] === value) &&
    expressions.every(({ key, operator, values }) =>
      operator === 'In'
        ? values.includes(labels[key] ?? '')
        : operator === 'NotIn' && !values.includes(labels[key] ?? ''),
    )
  );
}

describe('Kubernetes manifests', () => {
  itSchemas('every document of k8s/*.yaml is valid against the Kubernetes schemas', () => {
    const result = run(process.execPath, [join(ROOT, 'scripts', 'validate-k8s.mjs')]);
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    expect(result.stdout).toMatch(/ 0 invalid/);
    for (const name of manifests) expect(result.stdout).toContain(`✓ ${name}:`);
  });

  itSchemas('the validator rejects a broken manifest (so a green run means something)', () => {
    const broken = join(tmpdir(), `broken-${process.pid}.yaml`);
    writeFileSync(
      broken,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: two\n  selector: {}\n  template: {}\n',
    );
    const result = run(process.execPath, [join(ROOT, 'scripts', 'validate-k8s.mjs'), broken]);
    rmSync(broken, { force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/replicas must be integer/);
  });

  it('has the files the README and docs/deployment.md apply, in the namespace chat-app', () => {
    for (const name of [
      'namespace.yaml',
      'configmap.yaml',
      'secret.example.yaml',
      'postgres-statefulset.yaml',
      'redis-statefulset.yaml',
      'seaweedfs-statefulset.yaml',
      'network-policy.yaml',
      'kustomization.yaml',
      'migrate-job.yaml',
      'backend-deployment.yaml',
      'frontend-deployment.yaml',
      'ingress.yaml',
    ])
      expect(manifests).toContain(name);
    for (const name of objectFiles.filter((file) => file !== 'namespace.yaml')) {
      const text = readFileSync(join(ROOT, 'k8s', name), 'utf8');
      const documents = text.split(/^---$/m).filter((doc) => /^kind:/m.test(doc));
      for (const doc of documents)
        expect({ name, namespaced: /^ {2}namespace: chat-app$/m.test(doc) }).toEqual({ name, namespaced: true });
    }
  });

  it('the backend has probes, resources, a rolling update, a disruption budget and an autoscaler', () => {
    const backend = readFileSync(join(ROOT, 'k8s', 'backend-deployment.yaml'), 'utf8');
    expect(backend).toMatch(/readinessProbe:\n\s*httpGet:\n\s*path: \/ready/);
    expect(backend).toMatch(/livenessProbe:\n\s*httpGet:\n\s*path: \/health/);
    expect(backend).toMatch(/type: RollingUpdate/);
    expect(backend).toMatch(/maxUnavailable: 0/);
    expect(backend).toMatch(/resources:\n\s*requests:\n\s*cpu:/);
    expect(backend).toMatch(/kind: PodDisruptionBudget/);
    expect(backend).toMatch(/kind: HorizontalPodAutoscaler/);
    const ingress = readFileSync(join(ROOT, 'k8s', 'ingress.yaml'), 'utf8');
    expect(ingress).toMatch(/nginx.ingress.kubernetes.io\/affinity: cookie/);
    expect(ingress).toMatch(/proxy-read-timeout: '3600'/);
    // Readiness and metrics stay inside the cluster: the kubelet and Prometheus reach the pods directly.
    expect(ingress).not.toMatch(/path: \/(ready|metrics)/);
    const job = readFileSync(join(ROOT, 'k8s', 'migrate-job.yaml'), 'utf8');
    expect(job).toMatch(/command: \['node', 'backend\/dist\/db\/migrate\.cli\.js'\]/);
  });
});

/** `image:` lines of every Compose file and Kubernetes manifest, with where they are. */
function imageReferences(): { file: string; image: string }[] {
  const files = [
    ...readdirSync(ROOT).filter((name) => /^docker-compose.*\.yml$/.test(name)),
    ...manifests.map((name) => join('k8s', name)),
    ...readdirSync(join(ROOT, 'k8s-redis-cluster')).map((name) => join('k8s-redis-cluster', name)),
  ];
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*(?:-\s*)?image:\s*['"]?([^\s'"#]+)/gm)].map((match) => ({
      file,
      image: match[1] ?? '',
    })),
  );
}

it('pins every third-party image to a release tag (never latest, never untagged), so a deploy is repeatable', () => {
  const references = imageReferences();
  expect(references.length).toBeGreaterThan(10);
  for (const { file, image } of references) {
    // Our own images are tagged by whoever builds them (`:local`, `:0.1.0`, or ${BACKEND_IMAGE}).
    if (image.startsWith('1000-messenger/') || image.startsWith('${')) continue;
    const tag = /:([\w.-]+)$/.exec(image)?.[1];
    expect({ file, image, pinned: tag !== undefined && tag !== 'latest' }).toEqual({ file, image, pinned: true });
  }
});

it('runs the frontend pods as the unprivileged nginx user of the frontend image, on port 8080', () => {
  const text = readFileSync(join(ROOT, 'k8s', 'frontend-deployment.yaml'), 'utf8');
  expect(text).toMatch(/runAsNonRoot: true/);
  expect(text).toMatch(/runAsUser: 101/);
  expect(text).toMatch(/allowPrivilegeEscalation: false/);
  expect(text).toMatch(/containerPort: 8080/);
});

it('uses only images that exist today: no MinIO anywhere, S3 is the pinned SeaweedFS in Compose and k8s', () => {
  const references = imageReferences();
  expect(references.filter(({ image }) => /(^|\/)minio\//.test(image))).toEqual([]);
  // docker-compose.cluster.yml overrides docker-compose.prod.yml's Redis only: its S3 is that file's.
  const stacks = readdirSync(ROOT).filter((name) => /^docker-compose.*\.yml$/.test(name) && !name.includes('cluster'));
  for (const file of [...stacks, 'k8s']) {
    const s3 = references.filter((ref) => ref.file.startsWith(file) && ref.image.includes('seaweedfs'));
    expect({ file, s3: [...new Set(s3.map((ref) => ref.image))] }).toEqual({ file, s3: [SEAWEEDFS_IMAGE] });
  }
});

describe('Kubernetes: one release tag, Pod Security "restricted", network policies, disruption budgets, pool sizes', () => {
  const kustomization = readFileSync(join(ROOT, 'k8s', 'kustomization.yaml'), 'utf8');

  it('sets the image tag in one place: kustomization.yaml names both images, the manifests carry no tag', () => {
    for (const image of ['1000-messenger/backend', '1000-messenger/frontend'])
      expect(kustomization).toMatch(new RegExp(`- name: ${image}\\n\\s+newName: \\S+\\n\\s+newTag: \\S+`));
    const ours = imageReferences().filter(
      ({ file, image }) => file.startsWith('k8s') && image.includes('1000-messenger/'),
    );
    expect(ours.length).toBeGreaterThanOrEqual(3);
    for (const { file, image } of ours)
      expect({ file, image }).toEqual({ file, image: image.replace(/:[\w.-]+$/, '') });
    // Every API object but the Secret (created by hand from its example) is a resource of the kustomization.
    const resources = [...kustomization.matchAll(/^ {2}- (\S+\.yaml)$/gm)].map((match) => match[1]).sort();
    expect(resources).toEqual(objectFiles.filter((file) => file !== 'secret.example.yaml').sort());
  });

  itKubectl('kubectl kustomize renders the release: tagged images, a Job named after the tag, valid objects', () => {
    const result = run('kubectl', ['kustomize', join(ROOT, 'k8s')]);
    if (result.status !== 0) throw new Error(result.stderr);
    const tag = /- name: 1000-messenger\/backend\n\s+newName: (\S+)\n\s+newTag: (\S+)/.exec(kustomization);
    const images = [...result.stdout.matchAll(/^\s*image: (\S+)$/gm)].map((match) => match[1] ?? '');
    expect(images.filter((image) => image.includes('1000-messenger/backend'))).toEqual([
      `${tag?.[1]}:${tag?.[2]}`,
      `${tag?.[1]}:${tag?.[2]}`,
    ]);
    expect(images.filter((image) => image.includes('1000-messenger/frontend'))).toHaveLength(1);
    expect(images.every((image) => /:[\w.-]+$/.test(image))).toBe(true);
    expect(result.stdout).toMatch(
      new RegExp(`^kind: Job\\nmetadata:\\n(?: .*\\n)*? {2}name: migrate-${tag?.[2]}$`, 'm'),
    );
    if (!installed) return;
    const rendered = join(tmpdir(), `rendered-${process.pid}.yaml`);
    writeFileSync(rendered, result.stdout);
    const validation = run(process.execPath, [join(ROOT, 'scripts', 'validate-k8s.mjs'), rendered]);
    rmSync(rendered, { force: true });
    expect(validation.stderr).toBe('');
    expect(validation.status).toBe(0);
  });

  itSchemas('every pod meets Pod Security "restricted", with a read-only root filesystem', () => {
    const objects = k8sObjects();
    const namespace = objects.find(({ object }) => object.kind === 'Namespace')?.object;
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const pods = workloads(objects);
    expect(pods.map(({ name }) => name).sort()).toEqual([
      'Deployment/backend',
      'Deployment/frontend',
      'Job/migrate-release',
      'StatefulSet/postgres',
      'StatefulSet/redis',
      'StatefulSet/seaweedfs',
    ]);
    for (const { name, pod } of pods) {
      expect({ name, host: [pod.hostNetwork, pod.hostPID, pod.hostIPC].some(Boolean) }).toEqual({ name, host: false });
      expect({ name, hostPath: (pod.volumes ?? []).some((volume: Yaml) => volume.hostPath) }).toEqual({
        name,
        hostPath: false,
      });
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        const context = { ...pod.securityContext, ...container.securityContext };
        expect({
          name,
          container: container.name,
          runAsNonRoot: context.runAsNonRoot,
          seccomp: context.seccompProfile?.type,
          allowPrivilegeEscalation: context.allowPrivilegeEscalation,
          privileged: context.privileged ?? false,
          drop: context.capabilities?.drop,
          add: context.capabilities?.add ?? [],
          readOnlyRootFilesystem: context.readOnlyRootFilesystem,
        }).toEqual({
          name,
          container: container.name,
          runAsNonRoot: true,
          seccomp: 'RuntimeDefault',
          allowPrivilegeEscalation: false,
          privileged: false,
          drop: ['ALL'],
          add: [],
          readOnlyRootFilesystem: true,
        });
        // A non-root uid, whether set here or by the image (the frontend's nginx image runs as 101).
        if (context.runAsUser !== undefined) expect(context.runAsUser).toBeGreaterThan(0);
      }
    }
  });

  itSchemas('NetworkPolicies let only the backend (and the migration Job, to PostgreSQL) reach the data stores', () => {
    const objects = k8sObjects();
    const pods = workloads(objects);
    const policies = objects.filter(({ object }) => object.kind === 'NetworkPolicy').map(({ object }) => object);
    const allowed: Record<string, string[]> = {
      'StatefulSet/postgres': ['Deployment/backend', 'Job/migrate-release'],
      'StatefulSet/redis': ['Deployment/backend'],
      'StatefulSet/seaweedfs': ['Deployment/backend'],
    };
    for (const [store, clients] of Object.entries(allowed)) {
      const target = pods.find(({ name }) => name === store);
      const governing = policies.filter((policy) => selects(policy.spec.podSelector, target?.labels ?? {}));
      expect({ store, policies: governing.length }).toEqual({ store, policies: 1 });
      const policy = governing[0];
      expect(policy.spec.policyTypes).toContain('Ingress');
      // Which pods of ours each rule admits, and on which ports.
      const admitted = pods
        .filter(({ labels }) =>
          policy.spec.ingress.some((rule: Yaml) => rule.from.some((peer: Yaml) => selects(peer.podSelector, labels))),
        )
        .map(({ name }) => name);
      expect({ store, admitted: admitted.sort() }).toEqual({ store, admitted: [...clients].sort() });
      for (const rule of policy.spec.ingress) {
        // Pods of this namespace only: no namespaceSelector or ipBlock opens it wider.
        for (const peer of rule.from) expect(Object.keys(peer)).toEqual(['podSelector']);
        const ports = rule.ports.map((port: Yaml) => port.port);
        const containerPorts = target?.pod.containers.flatMap((c: Yaml) => c.ports.map((p: Yaml) => p.containerPort));
        expect(ports).toEqual(containerPorts);
      }
    }
  });

  itSchemas('the web front and the backend have a PodDisruptionBudget that leaves a pod running', () => {
    const objects = k8sObjects();
    const pods = workloads(objects);
    const budgets = objects.filter(({ object }) => object.kind === 'PodDisruptionBudget').map(({ object }) => object);
    for (const name of ['Deployment/frontend', 'Deployment/backend']) {
      const workload = pods.find((pod) => pod.name === name);
      const deployment = objects.find(({ object }) => `${object.kind}/${object.metadata.name}` === name)?.object;
      const budget = budgets.find((pdb) => selects(pdb.spec.selector, workload?.labels ?? {}));
      expect({ name, minAvailable: budget?.spec.minAvailable }).toEqual({ name, minAvailable: 1 });
      expect(deployment.spec.replicas).toBeGreaterThan(budget?.spec.minAvailable);
    }
  });

  itSchemas('replicas × DATABASE_POOL_SIZE, the migration Job and a reserve fit under max_connections', () => {
    const objects = k8sObjects();
    const find = (kind: string, name: string) =>
      objects.find(({ object }) => object.kind === kind && object.metadata.name === name)?.object;
    const maxReplicas = Number(find('HorizontalPodAutoscaler', 'backend').spec.maxReplicas);
    const maxSurge = Number(find('Deployment', 'backend').spec.strategy.rollingUpdate.maxSurge);
    const pool = Number(find('ConfigMap', 'chat-app-config').data.DATABASE_POOL_SIZE);
    const postgresArgs = (find('StatefulSet', 'postgres').spec.template.spec.containers[0].args ?? []).join(' ');
    const maxConnections = Number(/max_connections=(\d+)/.exec(postgresArgs)?.[1]);
    const superuserReserved = Number(/superuser_reserved_connections=(\d+)/.exec(postgresArgs)?.[1] ?? 3);
    // The migration runner holds one connection (a single pg Client, no pool).
    const migrate = readFileSync(join(ROOT, 'backend', 'src', 'db', 'migrate.ts'), 'utf8');
    expect(migrate).toMatch(/new Client\(/);
    expect(migrate).not.toMatch(/new Pool\(/);
    const migrationConnections = 1;
    // psql, pg_dump and monitoring, as documented next to DATABASE_POOL_SIZE in configmap.yaml.
    const headroom = 10;
    for (const value of [maxReplicas, maxSurge, pool, maxConnections]) expect(value).toBeGreaterThan(0);
    const peak = (maxReplicas + maxSurge) * pool + migrationConnections + headroom;
    expect({ peak, fits: peak <= maxConnections - superuserReserved }).toEqual({ peak, fits: true });
    expect(readFileSync(join(ROOT, 'k8s', 'configmap.yaml'), 'utf8')).toContain(
      `= ${peak}  <=  ${maxConnections} - ${superuserReserved} = ${maxConnections - superuserReserved}`,
    );
  });
});
