import type { ErrorDetail } from '@aya/config-schema';
import type { FieldErrors } from './form-errors';
import { normalizePath } from './form-errors';

/** A JSON Schema as the control plane sends it (zod `toJSONSchema`, io: 'input'). */
export type JsonSchema = { [key: string]: unknown };

/** rjsf's error tree: `{ limits: { 0: { limit: { __errors: ['…'] } } } }`. */
export interface ErrorTree {
  __errors?: string[];
  [key: string]: ErrorTree | string[] | undefined;
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `keyNames` -> `Key names`, `maxAgeSeconds` -> `Max age seconds`: labels for schemas without titles. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `anyOf: [{type: 'string', …}, {type: 'null'}]` -> `{type: ['string', 'null'], …}`: one input instead of an option picker. */
function collapseNullable(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return schema;
  const nullIndex = branches.findIndex((b) => isObject(b) && b.type === 'null' && Object.keys(b).length === 1);
  const other: unknown = branches[1 - nullIndex];
  if (nullIndex === -1 || !isObject(other) || typeof other.type !== 'string') return schema;
  const { anyOf: _dropped, ...rest } = schema;
  return { ...rest, ...other, type: [other.type, 'null'] };
}

function prepareNode(node: unknown, title?: string): unknown {
  if (!isObject(node)) return node;
  let out: JsonSchema = collapseNullable(node);
  if (title !== undefined && out.title === undefined) out = { ...out, title };
  if (isObject(out.properties)) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, prepareNode(v, humanize(k))]));
  }
  if (isObject(out.items)) out.items = prepareNode(out.items);
  if (Array.isArray(out.anyOf)) out.anyOf = out.anyOf.map((b) => prepareNode(b));
  return out;
}

/**
 * Makes a contract JSON Schema renderable: drops the 2020-12 `$schema` marker (the ajv draft-07 validator would
 * try to resolve it), turns nullable unions into one input, and gives each property a readable title.
 */
export function prepareSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _marker, ...rest } = schema;
  return prepareNode(rest) as JsonSchema;
}

/** An object whose keys are free (a record, e.g. a JSON Schema inside a config): edited as JSON text. */
export function isFreeFormObject(schema: JsonSchema): boolean {
  return schema.type === 'object' && !isObject(schema.properties);
}

/** The uiSchema for a prepared schema: free-form objects get the JSON field, everything else rjsf's default widgets. */
export function uiSchemaFor(schema: JsonSchema, jsonField: string): JsonSchema {
  if (isFreeFormObject(schema)) return { 'ui:field': jsonField };
  const ui: JsonSchema = {};
  if (isObject(schema.properties)) {
    for (const [k, v] of Object.entries(schema.properties)) {
      if (!isObject(v)) continue;
      const child = uiSchemaFor(v, jsonField);
      if (Object.keys(child).length > 0) ui[k] = child;
    }
  }
  if (isObject(schema.items)) {
    const child = uiSchemaFor(schema.items, jsonField);
    if (Object.keys(child).length > 0) ui.items = child;
  }
  return ui;
}

/** rjsf validation errors (`property: '.limits.0.limit'`) -> details under `prefix` (`config.limits.0.limit`). */
export function validationErrorsToDetails(errors: ReadonlyArray<{ property?: string; message?: string }>, prefix: string): ErrorDetail[] {
  return errors.map((e) => {
    const inner = normalizePath(e.property ?? '');
    return { path: inner ? `${prefix}.${inner}` : prefix, message: e.message ?? 'is invalid' };
  });
}

/** The field errors at and under `prefix` (`config.limits.0.limit`) as rjsf's error tree, relative to `prefix`. */
export function fieldErrorsToErrorTree(fields: FieldErrors, prefix: string): ErrorTree {
  const tree: ErrorTree = {};
  for (const [path, message] of Object.entries(fields)) {
    if (path !== prefix && !path.startsWith(`${prefix}.`)) continue;
    const parts = path === prefix ? [] : path.slice(prefix.length + 1).split('.');
    let node = tree;
    for (const part of parts) {
      const next = node[part];
      const child: ErrorTree = isObject(next) ? (next as ErrorTree) : {};
      node[part] = child;
      node = child;
    }
    node.__errors = [...(node.__errors ?? []), message];
  }
  return tree;
}
