import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { parseAssignment, setPath, splitAssignment, type Assignment } from './assignments';
import { UsageError } from './errors';

export type Row = Record<string, unknown>;

export interface BodyOptions {
  /** `-f file.json|file.yaml`, `-f -` = stdin (JSON or YAML) */
  file?: string;
  /** `--set-file path=file`: the file's text as the value (a PEM certificate, a JSON Schema as text) */
  setFile?: string[];
  /** `--set path=value`, relative to the body */
  set?: string[];
  /** `-c path=value` of plugins, relative to the body's `config` */
  config?: string[];
}

/** A create body: the file (or `{}`), the command's own flags over it, then each assignment in order. */
export async function createBody(opts: BodyOptions, fields: Row = {}): Promise<Row> {
  const body = { ...(opts.file ? await readBodyFile(opts.file) : {}), ...fields };
  for (const a of await assignments(opts)) setPath(body, a.path, a.value);
  return body;
}

/**
 * A PATCH body. A nested assignment (`healthChecks.active.path=/up`) starts from the field's current value, read
 * once with `current()`, so it changes one leaf instead of replacing the whole object (PATCH replaces nested
 * objects, e.g. a plugin's `config`). Only the fields the file or an assignment names are sent.
 */
export async function updateBody(opts: BodyOptions, current: () => Promise<Row>, fields: Row = {}): Promise<Row> {
  const body = { ...(opts.file ? await readBodyFile(opts.file) : {}), ...fields };
  let existing: Row | undefined;
  for (const a of await assignments(opts)) {
    const top = String(a.path[0]);
    if (a.path.length > 1 && !(top in body)) {
      existing ??= await current();
      if (typeof existing[top] === 'object' && existing[top] !== null) body[top] = structuredClone(existing[top]);
    }
    setPath(body, a.path, a.value);
  }
  return body;
}

/** In this order, each over the ones before: `--set-file`, `--set`, `-c`. */
async function assignments(opts: BodyOptions): Promise<Assignment[]> {
  const files = await Promise.all(
    (opts.setFile ?? []).map(async (raw) => {
      const { path: at, text: file } = splitAssignment(raw, '--set-file');
      return { path: at, value: await readText(file) };
    }),
  );
  const config = (opts.config ?? []).map((raw) => parseAssignment(raw, '--config'));
  return [...files, ...(opts.set ?? []).map((raw) => parseAssignment(raw)), ...config.map((a) => ({ path: ['config', ...a.path], value: a.value }))];
}

/** `.json` is parsed as JSON (its errors name the position), anything else and stdin as YAML (a superset of JSON). */
export async function readBodyFile(file: string): Promise<Row> {
  const text = await readText(file);
  const name = file === '-' ? 'stdin' : file;
  let parsed: unknown;
  try {
    parsed = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new UsageError(`${name} does not parse: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${name} must hold one object (the request body)`);
  }
  return parsed as Row;
}

async function readText(file: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
