import fs from 'node:fs';
import path from 'node:path';

/**
 * Relative links of the repository's Markdown files, checked the way GitHub renders them: a link
 * must name a file or folder inside the repository (a path outside it, such as `../shared/x.md`,
 * works in one checkout and nowhere else), and a `#fragment` into a Markdown file must name one of
 * its headings. Only the link forms our docs use: inline `[text](target)` outside code.
 */

export interface LinkProblem {
  file: string;
  line: number;
  target: string;
  problem: 'outside the repository' | 'no such file' | 'no such heading' | 'names a path that does not exist';
}

/** Directories never searched for docs: dependencies, build output, run data. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'playwright-report']);

/** Every Markdown file under `root`, repo-relative, skipping dot-directories and SKIPPED_DIRS. */
export function markdownFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) out.push(...markdownFiles(root, rel));
    } else if (entry.name.endsWith('.md')) {
      out.push(rel);
    }
  }
  return out;
}

/** Lines outside fenced code blocks. */
function proseLines(text: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  let fence: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const marker = /^\s*(```+|~~~+)/.exec(raw)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      return;
    }
    if (fence === null) lines.push({ line: i + 1, text: raw });
  });
  return lines;
}

const LINK = /\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

export function linksOf(text: string): Array<{ line: number; target: string }> {
  return proseLines(text).flatMap(({ line, text: t }) => {
    // a link inside a code span is not a link
    const prose = t.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    return [...prose.matchAll(LINK)].map((m) => ({ line, target: m[1] }));
  });
}

/** GitHub's heading anchor: rendered text, lowercased, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
  return rendered
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown text has; repeated headings get -1, -2... as on GitHub. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of proseLines(text)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const slug = headingSlug(m[1]);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** The problems of `file`'s relative links (repo-relative path), read from `root`. */
export function checkLinks(root: string, file: string): LinkProblem[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const problems: LinkProblem[] = [];
  for (const { line, target } of linksOf(text)) {
    // absolute URLs (http:, https:, mailto:...) are not ours to check offline
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [rawPath, fragment] = target.split('#', 2);
    // GitHub resolves `/x` from the repository root, anything else from the file's folder
    const base = rawPath.startsWith('/') ? root : path.join(root, path.dirname(file));
    const resolved = rawPath === '' ? path.join(root, file) : path.join(base, decodeURIComponent(rawPath));
    if (path.relative(root, resolved).startsWith('..')) {
      problems.push({ file, line, target, problem: 'outside the repository' });
    } else if (!fs.existsSync(resolved)) {
      problems.push({ file, line, target, problem: 'no such file' });
    } else if (fragment && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(fragment)) {
      problems.push({ file, line, target, problem: 'no such heading' });
    }
  }
  return problems;
}

/** Top-level folders whose paths docs name in code spans (`apps/gateway/src/gateway.ts`). */
const SOURCE_ROOTS = /^(?:apps|libs|test|e2e|drills|bench|prisma|docs|scripts|tools|docker)\//;

/**
 * Repository paths named in inline code (`apps/x/src/y.ts`, `drills/README.md#anchor`, `bench/a.mjs:12`):
 * the path up to a fragment, line number or space. Patterns (`<name>`, `{a,b}`, `*`) and build output
 * (`dist/`, absent in a fresh checkout) are not paths to check.
 */
export function pathMentionsOf(text: string): Array<{ line: number; target: string }> {
  return proseLines(text).flatMap(({ line, text: t }) =>
    [...t.matchAll(/`([^`]+)`/g)]
      .map((m) => m[1].split(/[#: ]/, 1)[0])
      .filter((p) => SOURCE_ROOTS.test(p) && !/[<>{}*$]/.test(p) && !/(^|\/)dist(\/|$)/.test(p))
      .map((target) => ({ line, target })),
  );
}

/** The paths `file` names in code that do not exist (a file renamed or moved without its docs). */
export function checkPathMentions(root: string, file: string): LinkProblem[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return pathMentionsOf(text)
    .filter(({ target }) => !fs.existsSync(path.join(root, target)))
    .map(({ line, target }) => ({ file, line, target, problem: 'names a path that does not exist' as const }));
}
