import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as it comes out of YAML. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

// The part of kustomize a base uses here. Any other field would change kustomize's output, so it
// is refused rather than ignored: a base that needs more must get more here (or kubectl kustomize).
const SUPPORTED = new Set(['apiVersion', 'kind', 'resources']);

/** Reads YAML documents (`---` separated), failing on any syntax error; empty documents are skipped. */
export function readYamlObjects(file: string): K8sObject[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    const obj = value as K8sObject;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
      throw new Error(`${file}: a document without apiVersion, kind and metadata.name`);
    }
    return [obj];
  });
}

/**
 * `kustomize build <dir>` for a base made of `resources:` (files, or directories holding their
 * own kustomization.yaml), in file order. Like kustomize it refuses two objects with one
 * kind/namespace/name.
 */
export function kustomizeBuild(dir: string): K8sObject[] {
  const k = readYaml(path.join(dir, 'kustomization.yaml'));
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') throw new Error(`${dir}: not a Kustomization`);
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${dir}/kustomization.yaml: ${unsupported.join(', ')} not supported by this loader`);
  const resources = k.resources;
  if (!Array.isArray(resources) || !resources.every((r): r is string => typeof r === 'string')) throw new Error(`${dir}: resources must be a list of paths`);
  const objects = resources.flatMap((r) => {
    const p = path.resolve(dir, r);
    return fs.statSync(p).isDirectory() ? kustomizeBuild(p) : readYamlObjects(p);
  });
  const seen = new Set<string>();
  for (const o of objects) {
    const id = objectId(o);
    if (seen.has(id)) throw new Error(`${dir}: ${id} is defined twice`);
    seen.add(id);
  }
  return objects;
}

export const objectId = (o: K8sObject): string => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

function readYaml(file: string): Record<string, unknown> {
  const [doc, ...rest] = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  if (!doc || rest.length > 0 || doc.errors.length > 0) throw new Error(`${file}: expected one valid YAML document`);
  return doc.toJS() as Record<string, unknown>;
}
