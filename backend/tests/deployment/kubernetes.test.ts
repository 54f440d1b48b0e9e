import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CI_TOOLS_DIR, itWithTool, ROOT, run } from './tools';

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
      'minio-statefulset.yaml',
      'migrate-job.yaml',
      'backend-deployment.yaml',
      'frontend-deployment.yaml',
      'ingress.yaml',
    ])
      expect(manifests).toContain(name);
    for (const name of manifests.filter((file) => file !== 'namespace.yaml')) {
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
