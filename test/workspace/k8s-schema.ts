import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../harness/process';
import { objectId, type K8sObject } from './kustomize-build';

// Kubernetes' own schemas, pinned: the `kubernetes-models` package (an exact version in the root
// package.json) is generated from one Kubernetes release's OpenAPI document, as ajv validators
// (types, required fields, enums, formats) and as TypeScript interfaces.

/** `apps/v1` + `Deployment` -> `kubernetes-models/apps/v1/Deployment`; the core group is `v1`. */
const modulePath = (o: K8sObject): string => `kubernetes-models/${o.apiVersion}/${o.kind}`;

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** Validates each object against its kind's schema; returns `kind/name: path message` lines. */
export async function schemaErrors(objects: K8sObject[]): Promise<string[]> {
  const out: string[] = [];
  for (const o of objects) {
    let Model: ModelClass;
    try {
      const mod = (await import(modulePath(o))) as Record<string, ModelClass>;
      Model = mod[o.kind];
    } catch {
      out.push(`${objectId(o)}: no schema for ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (err) {
      const errors = (err as { errors?: { instancePath: string; message?: string }[] }).errors;
      out.push(...(errors ?? [{ instancePath: '', message: String(err) }]).map((e) => `${objectId(o)}: ${e.instancePath} ${e.message ?? ''}`));
    }
  }
  return out;
}

/**
 * Fields the schema does not know (a typo, a field at the wrong level). The generated validators
 * allow them, as the OpenAPI document has no additionalProperties: false, but the API server's
 * strict field validation (kubectl's default) refuses them. TypeScript's excess-property check over
 * the package's interfaces finds them at any depth: each object becomes a typed literal.
 */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  const file = path.join(REPO_ROOT, 'test/workspace/k8s-objects.generated.ts'); // never written: served from memory
  // one import per object, then one typed literal per object; `starts` maps a line back to it
  const chunks = objects.map((o, i) => `import type { I${o.kind} as T${i} } from '${modulePath(o)}';`);
  const starts: number[] = [];
  let line = chunks.length;
  objects.forEach((o, i) => {
    const chunk = `export const o${i}: T${i} = ${JSON.stringify(o, null, 2)};`;
    starts.push(line);
    line += chunk.split('\n').length;
    chunks.push(chunk);
  });
  const source = chunks.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === file ? source : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === file || fileExists(f);
  host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined || d.file.fileName !== file) return text;
    const lineNo = d.file.getLineAndCharacterOfPosition(d.start).line;
    const index = starts.findLastIndex((s) => s <= lineNo);
    return `${index >= 0 ? objectId(objects[index]) : 'imports'}: ${text}`;
  });
}
