#!/usr/bin/env node
// Validates every document in k8s/*.yaml against the Kubernetes OpenAPI schemas, offline.
//
//   node scripts/validate-k8s.mjs [files...]        (default: k8s/*.yaml)
//
// The schemas come from the npm package `kubernetes-models` (compiled JSON-schema validators of the Kubernetes
// API, no network at validation time) and YAML parsing from `yaml`. They are not dependencies of the project:
// `.ci/run` installs them, pinned, outside the repository with `npm ci` from scripts/ci-tools/ into
// $MESSENGER_CI_TOOLS (default /opt/messenger-ci-tools). Exit codes: 0 valid, 1 invalid, 2 tools missing.
//
// What it checks: each document has apiVersion and kind of a known built-in API, and validates against that
// kind's schema (types, required fields, enums, formats). Like kubeconform without -strict, it does not reject
// unknown fields. kustomization.yaml is kustomize's own configuration, not an API object: for it, every resource
// it lists must be a file beside it (backend/tests/deployment/kubernetes.test.ts renders it with kubectl).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = process.env.MESSENGER_CI_TOOLS ?? '/opt/messenger-ci-tools';
const modelsDir = join(toolsDir, 'node_modules', 'kubernetes-models');
if (!existsSync(join(modelsDir, 'package.json')) || !existsSync(join(toolsDir, 'node_modules', 'yaml'))) {
  console.error(
    `kubernetes-models and yaml are not installed in ${toolsDir}: ` +
      `cp scripts/ci-tools/package*.json ${toolsDir}/ && npm ci --prefix ${toolsDir} (or run .ci/run)`,
  );
  process.exit(2);
}
const { parseAllDocuments } = createRequire(join(toolsDir, 'package.json'))('yaml');

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((file) => resolve(file))
  : readdirSync(join(root, 'k8s'))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(root, 'k8s', name));

async function modelFor(apiVersion, kind) {
  // Core kinds live under v1/, the others under <group>/<version>/.
  const file = join(modelsDir, ...apiVersion.split('/'), `${kind}.js`);
  if (!existsSync(file)) return undefined;
  const module = await import(pathToFileURL(file).href);
  return module[kind];
}

let problems = 0;
let documents = 0;
for (const file of files) {
  const name = basename(file);
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (doc.errors.length) {
      problems++;
      console.error(`✗ ${name}: YAML: ${doc.errors.map((error) => error.message).join('; ')}`);
      continue;
    }
    const object = doc.toJS();
    if (object === null || object === undefined) continue;
    documents++;
    const label = `${name}: ${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      problems++;
      console.error(`✗ ${label}: apiVersion and kind are required`);
      continue;
    }
    if (object.apiVersion.startsWith('kustomize.config.k8s.io/')) {
      const missing = (object.resources ?? []).filter((resource) => !existsSync(join(dirname(file), resource)));
      if (missing.length) {
        problems++;
        console.error(`✗ ${label}: resources not found: ${missing.join(', ')}`);
      } else console.log(`✓ ${label} (${object.apiVersion}, ${object.resources?.length ?? 0} resources)`);
      continue;
    }
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems++;
      console.error(`✗ ${label}: unknown kind ${object.kind} in ${object.apiVersion}`);
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`✓ ${label} (${object.apiVersion})`);
    } catch (error) {
      problems++;
      const details = error?.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      console.error(`✗ ${label}: ${details || error.message}`);
    }
  }
}
console.log(`${documents} documents in ${files.length} files, ${problems} invalid`);
process.exit(problems ? 1 : 0);
