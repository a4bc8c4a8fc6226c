import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEnv as loadControlPlaneEnv } from '../../apps/control-plane/src/env';
import { loadEnv as loadGatewayEnv } from '../../apps/gateway/src/env';
import { REPO_ROOT } from '../harness/process';
import { schemaErrors, unknownFieldErrors } from './k8s-schema';
import { kustomizeBuild, objectId, readYamlObjects, type K8sObject } from './kustomize-build';

// docker/k8s is a kustomize base. No cluster and no kustomize binary here: the base is built by
// kustomize-build.ts, every object is checked against the pinned Kubernetes schemas, and the
// checks below catch what a schema cannot (ports, drain time, selectors, secrets, images).

const K8S_DIR = path.join(REPO_ROOT, 'docker/k8s');

interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; emptyDir?: object }[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  topologySpreadConstraints?: { topologyKey: string; labelSelector?: { matchLabels?: Record<string, string> } }[];
}
interface Deployment extends K8sObject {
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

let objects: K8sObject[];
const byKind = <T extends K8sObject = K8sObject>(kind: string): T[] => objects.filter((o) => o.kind === kind) as T[];
const named = <T extends K8sObject = K8sObject>(kind: string, name: string): T => {
  const found = byKind<T>(kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the build`);
  return found;
};
const deployment = (name: string): Deployment => named<Deployment>('Deployment', name);
const containerOf = (name: string): Container => deployment(name).spec.template.spec.containers[0];
const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

const exampleSecret = (): K8sObject & { stringData: Record<string, string> } => {
  const [secret] = readYamlObjects(path.join(K8S_DIR, 'secret.example.yaml'));
  return secret as K8sObject & { stringData: Record<string, string> };
};

// values of the right shape for each secret, so the apps' own env parsers can run on a pod's env
const FAKE_SECRETS: Record<string, string> = {
  AYA_CLUSTER_TOKEN: 'c'.repeat(64),
  AYA_SECRET_KEY: 's'.repeat(64),
  AYA_ADMIN_TOKEN: 'a'.repeat(48),
  DATABASE_URL: 'postgres://aya:pw@postgres.example:5432/aya',
  REDIS_URL: 'redis://redis.example:6379',
};

/** The environment a container starts with: its ConfigMaps, then its env entries. */
function podEnv(c: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, named<K8sObject & { data: Record<string, string> }>('ConfigMap', from.configMapRef.name).data);
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) env[e.name] = FAKE_SECRETS[e.valueFrom.secretKeyRef.key];
    else if (e.valueFrom?.fieldRef) env[e.name] = 'aya-gateway-7d9f8b6c5-x2x9q';
  }
  return env;
}

/** The containerPort a probe or Service port names (by name or number). */
function containerPort(c: Container, port: number | string): number | undefined {
  return c.ports?.find((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port))?.containerPort;
}

const nodeMajorsOf = (dockerfile: string): string[] =>
  [...fs.readFileSync(path.join(REPO_ROOT, 'docker', dockerfile), 'utf8').matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]);

beforeAll(() => {
  objects = kustomizeBuild(K8S_DIR);
});

describe('docker/k8s kustomize base', () => {
  it('holds the production shape: 2 control planes, gateways with HPA and PDB, config maps', () => {
    expect(objects.map(objectId).sort()).toEqual([
      'ConfigMap/aya-control-plane',
      'ConfigMap/aya-gateway',
      'Deployment/aya-control-plane',
      'Deployment/aya-gateway',
      'HorizontalPodAutoscaler/aya-gateway',
      'PodDisruptionBudget/aya-control-plane',
      'PodDisruptionBudget/aya-gateway',
      'Service/aya-control-plane',
      'Service/aya-gateway',
    ]);
    expect(deployment('aya-control-plane').spec.replicas).toBe(2);
    // namespace-agnostic: the operator picks one (overlay or -n)
    expect(objects.filter((o) => o.metadata.namespace !== undefined).map(objectId)).toEqual([]);
  });

  it('every object and the example Secret are valid for the pinned Kubernetes schemas', async () => {
    const all = [...objects, exampleSecret()];
    expect(await schemaErrors(all)).toEqual([]);
  });

  it('no object has a field the schemas do not know (strict field validation)', () => {
    expect(unknownFieldErrors([...objects, exampleSecret()])).toEqual([]);
  }, 60_000);

  it('selectors match: deployments their pods, services, PDBs and spread constraints their deployment', () => {
    const deployments = byKind<Deployment>('Deployment');
    for (const d of deployments) {
      expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels), objectId(d)).toBe(true);
      for (const t of d.spec.template.spec.topologySpreadConstraints ?? []) {
        expect(t.labelSelector?.matchLabels && matches(t.labelSelector.matchLabels, d.spec.template.metadata.labels), `${objectId(d)} ${t.topologyKey}`).toBe(true);
      }
    }
    const selected = (selector: Record<string, string>) => deployments.filter((d) => matches(selector, d.spec.template.metadata.labels)).map((d) => d.metadata.name);
    for (const name of ['aya-control-plane', 'aya-gateway']) {
      expect(selected(named<K8sObject & { spec: { selector: Record<string, string> } }>('Service', name).spec.selector)).toEqual([name]);
      expect(selected(named<K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget', name).spec.selector.matchLabels)).toEqual([name]);
    }
  });

  it('services target container ports that exist', () => {
    for (const name of ['aya-control-plane', 'aya-gateway']) {
      const svc = named<K8sObject & { spec: { ports: { name: string; targetPort: number | string }[] } }>('Service', name);
      for (const p of svc.spec.ports) expect(containerPort(containerOf(name), p.targetPort), `${name} ${p.name}`).toBeDefined();
    }
    // /metrics stays inside the cluster
    const gwPorts = named<K8sObject & { spec: { ports: { targetPort: number | string }[] } }>('Service', 'aya-gateway').spec.ports.map((p) => p.targetPort);
    expect(gwPorts).not.toContain('status');
  });

  it('the gateway: HPA on CPU owns its replicas, the PDB leaves one of the minimum up, spread over zones and hosts', () => {
    const hpa = named<K8sObject & { spec: { scaleTargetRef: { apiVersion: string; kind: string; name: string }; minReplicas: number; maxReplicas: number; metrics: { type: string; resource?: { name: string } }[] } }>(
      'HorizontalPodAutoscaler',
      'aya-gateway',
    );
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'aya-gateway' });
    expect(hpa.spec.metrics).toEqual([expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) })]);
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    // a fixed replica count would undo the HPA on every apply
    expect(deployment('aya-gateway').spec.replicas).toBeUndefined();
    // utilization is a share of the CPU request: there must be one
    expect(containerOf('aya-gateway').resources?.requests?.cpu).toBeDefined();
    const pdb = named<K8sObject & { spec: { maxUnavailable?: number; minAvailable?: number } }>('PodDisruptionBudget', 'aya-gateway');
    expect(pdb.spec.maxUnavailable ?? hpa.spec.minReplicas - (pdb.spec.minAvailable ?? 0)).toBeLessThan(hpa.spec.minReplicas);
    const keys = deployment('aya-gateway').spec.template.spec.topologySpreadConstraints?.map((t) => t.topologyKey);
    expect(keys).toEqual(expect.arrayContaining(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']));
  });

  it('gateway probes and ports are the ones the gateway listens on with this env', () => {
    const c = containerOf('aya-gateway');
    const env = loadGatewayEnv(podEnv(c));
    expect(containerPort(c, 'http')).toBe(env.proxyPort);
    expect(containerPort(c, 'https')).toBe(env.tlsPort);
    expect(containerPort(c, 'status')).toBe(env.statusPort);
    expect(c.readinessProbe?.httpGet?.path).toBe('/ready');
    expect(c.livenessProbe?.httpGet?.path).toBe('/status');
    for (const probe of [c.readinessProbe, c.livenessProbe]) {
      expect(containerPort(c, probe?.httpGet?.port ?? -1)).toBe(env.statusPort);
    }
    // a Deployment per pod share of CPU: one worker per CPU of the limit, not the node's cores
    expect(env.workers).toBe(Number(c.resources?.limits?.cpu));
    // the data dir (snapshot, node id) is a writable volume under a read-only root
    expect(c.volumeMounts?.map((m) => m.mountPath)).toContain(env.dataDir);
  });

  it('gateway: preStop sleep + drain time fit in terminationGracePeriodSeconds', () => {
    const pod = deployment('aya-gateway').spec.template.spec;
    const c = pod.containers[0];
    const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
    const drainSeconds = loadGatewayEnv(podEnv(c)).drainTimeoutMs / 1000;
    expect(preStop).toBeGreaterThan(0);
    expect(preStop + drainSeconds).toBeLessThan(pod.terminationGracePeriodSeconds ?? 30);
  });

  it('control plane probes and port are the ones it listens on with this env', () => {
    const c = containerOf('aya-control-plane');
    const env = loadControlPlaneEnv(podEnv(c));
    expect(containerPort(c, 'http')).toBe(env.AYA_ADMIN_PORT);
    for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
      expect(probe?.httpGet?.path).toBe('/api/v1/health');
      expect(containerPort(c, probe?.httpGet?.port ?? -1)).toBe(env.AYA_ADMIN_PORT);
    }
  });

  it('every secret and config map a pod reads exists (secrets: in secret.example.yaml, not in the base)', () => {
    const secret = exampleSecret();
    expect(objects.filter((o) => o.kind === 'Secret').map(objectId)).toEqual([]);
    const keys = Object.keys(secret.stringData);
    expect(keys.sort()).toEqual(Object.keys(FAKE_SECRETS).sort());
    for (const d of byKind<Deployment>('Deployment')) {
      for (const c of d.spec.template.spec.containers) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (!ref) continue;
          expect(ref.name, `${objectId(d)} ${e.name}`).toBe(secret.metadata.name);
          expect(keys, `${objectId(d)} ${e.name}`).toContain(ref.key);
        }
        for (const from of c.envFrom ?? []) {
          expect(from.secretRef, objectId(d)).toBeUndefined();
          if (from.configMapRef) expect(() => named('ConfigMap', from.configMapRef?.name ?? ''), objectId(d)).not.toThrow();
        }
      }
    }
  });

  it.each(['aya-control-plane', 'aya-gateway'])('%s runs non-root with a read-only root, limits and an emptyDir for each writable path', (name) => {
    const pod = deployment(name).spec.template.spec;
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    // runAsNonRoot cannot check the image's `USER node` by name: the uid must be numeric
    expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    const c = pod.containers[0];
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
    for (const m of c.volumeMounts ?? []) expect(pod.volumes?.find((v) => v.name === m.name)?.emptyDir, m.mountPath).toBeDefined();
    expect(c.volumeMounts?.map((m) => m.mountPath)).toContain('/tmp');
  });

  it.each([
    ['aya-control-plane', 'control-plane'],
    ['aya-gateway', 'gateway'],
  ])('%s image: the app version on the Node major of its Dockerfile and of engines', (name, app) => {
    const m = /^aya\/([a-z-]+):(\d+\.\d+\.\d+)-node(\d+)$/.exec(containerOf(name).image);
    expect(m, containerOf(name).image).not.toBeNull();
    const [, image, version, nodeMajor] = m ?? [];
    expect(image).toBe(app);
    const appPkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'apps', app, 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(appPkg.version);
    const majors = nodeMajorsOf(`${app}.Dockerfile`);
    expect(majors.length).toBeGreaterThanOrEqual(2);
    expect(new Set(majors)).toEqual(new Set([nodeMajor]));
    const rootPkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(/\d+/.exec(rootPkg.engines.node)?.[0]).toBe(nodeMajor);
  });

  // Where a real kustomize exists (kubectl ships one), the loader must agree with it.
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  it.skipIf(kubectl.status !== 0)('builds what `kubectl kustomize` builds', () => {
    const r = spawnSync('kubectl', ['kustomize', K8S_DIR], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const theirs = parseAllDocuments(r.stdout).map((d) => d.toJS() as K8sObject);
    const key = (list: K8sObject[]) => Object.fromEntries(list.map((o) => [objectId(o), o]));
    expect(key(objects)).toEqual(key(theirs));
  });
});
