import { UsageError } from './errors';

export type Segment = string | number;

export interface Assignment {
  path: Segment[];
  value: unknown;
}

// `a.b[0].c`, `config.limits.0.limit`: names separated by dots, `[n]` indexes; a name may hold anything but . [ ] =
const PATH_RE = /^[^.[\]=]+(?:\.[^.[\]=]+|\[\d+\])*$/;
const SEGMENT_RE = /([^.[\]]+)|\[(\d+)\]/g;

/**
 * `path=value` of `--set` (and `--config`): the value is JSON when it parses (`5`, `true`, `null`, `["a"]`,
 * `{"a":1}`), else the text as given (`minute`, `/v1`). All-digit segments are array indexes.
 */
export function parseAssignment(raw: string, option = '--set'): Assignment {
  const { path, text } = splitAssignment(raw, option);
  return { path, value: parseValue(text) };
}

/** `path=text` with the path parsed and the text as given (`--set-file cert=site.pem` reads the file named). */
export function splitAssignment(raw: string, option: string): { path: Segment[]; text: string } {
  const eq = raw.indexOf('=');
  const pathText = eq === -1 ? '' : raw.slice(0, eq);
  if (eq <= 0 || !PATH_RE.test(pathText)) {
    throw new UsageError(`${option} takes path=value (e.g. limits[0].limit=5), got ${JSON.stringify(raw)}`);
  }
  const path: Segment[] = [];
  for (const m of pathText.matchAll(SEGMENT_RE)) {
    const name = m[1];
    path.push(m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(name) ? Number(name) : name);
  }
  return { path, text: raw.slice(eq + 1) };
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Sets `value` at `path` inside `target`, creating objects and arrays on the way (an index may append, not skip). */
export function setPath(target: Record<string, unknown>, path: Segment[], value: unknown): void {
  let node: Container = target;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const next = path[i + 1];
    const key = Array.isArray(node) ? index(node, segment, path, i) : String(segment);
    const slot = node as Record<string | number, unknown>;
    if (last) {
      slot[key] = value;
      return;
    }
    if (!isContainer(slot[key])) slot[key] = typeof next === 'number' ? [] : {};
    node = slot[key] as Container;
  });
}

function index(array: unknown[], segment: Segment, path: Segment[], at: number): number {
  const where = path.slice(0, at).join('.') || '(root)';
  if (typeof segment !== 'number') throw new UsageError(`${where} is a list: index it with [n], not .${segment}`);
  if (segment > array.length) throw new UsageError(`${where} has ${array.length} item(s): [${segment}] would leave a gap`);
  return segment;
}
