import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/process';
import { anchorsOf, checkLinks, checkPathMentions, headingSlug, markdownFiles } from './markdown-links';

describe('Markdown links', () => {
  const files = markdownFiles(REPO_ROOT);

  it('finds the docs it is meant to check', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'apps/gateway/README.md']));
  });

  it('every relative link of every README and doc names a file in the repository (and a heading that exists)', () => {
    expect(files.flatMap((f) => checkLinks(REPO_ROOT, f))).toEqual([]);
  });

  it('every repository path a doc names in code (`apps/...`, `drills/...`) exists', () => {
    expect(files.flatMap((f) => checkPathMentions(REPO_ROOT, f))).toEqual([]);
  });

  describe('the checker', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-doc-links-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/a.md'), '# A title\n\n## Where `x` goes\n\n## Where `x` goes\n');
    fs.writeFileSync(
      path.join(dir, 'README.md'),
      [
        '[ok](docs/a.md) [ok](docs/a.md#where-x-goes-1) [ok](/docs/a.md#a-title) [ok](https://example.com/x) [ok](#readme)',
        '[out](../shared/DESIGN.md)',
        '[gone](docs/b.md)',
        '[anchor](docs/a.md#nowhere)',
        '`[in code](missing.md)`',
        '```',
        '[in a fence](missing.md)',
        '```',
        '# Readme',
        'Paths: `docs/a.md`, `docs/a.md#a-title`, `docs/a.md:3`, `docs/gone.ts`, `docs/<name>.ts`, `apps/x/dist/main.js`, `src/elsewhere.ts`',
      ].join('\n'),
    );

    it('reports links outside the repository, missing files and missing headings, nothing else', () => {
      expect(checkLinks(dir, 'README.md').map((p) => [p.line, p.target, p.problem])).toEqual([
        [2, '../shared/DESIGN.md', 'outside the repository'],
        [3, 'docs/b.md', 'no such file'],
        [4, 'docs/a.md#nowhere', 'no such heading'],
      ]);
    });

    it('reports repository paths named in code that do not exist, skipping patterns and build output', () => {
      expect(checkPathMentions(dir, 'README.md').map((p) => [p.line, p.target])).toEqual([[10, 'docs/gone.ts']]);
    });

    it('slugs headings as GitHub does', () => {
      expect(headingSlug('Where `x` goes')).toBe('where-x-goes');
      expect(headingSlug('Processes and ports')).toBe('processes-and-ports');
      expect(headingSlug('A new load-balancing algorithm')).toBe('a-new-load-balancing-algorithm');
      expect(headingSlug('Benchmark (`npm run bench`)')).toBe('benchmark-npm-run-bench');
      expect([...anchorsOf('# T\n## T\n```\n# not a heading\n```\n')]).toEqual(['t', 't-1']);
    });
  });
});
