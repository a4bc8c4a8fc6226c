// Enforces the module boundaries of docs/architecture.md ("What imports what") from Nx project tags (package.json "nx.tags").
// A file belongs to the project whose root contains it; an import of another project (by package
// name or by a relative path that leaves the project) must be allowed by DEP_CONSTRAINTS.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** tag -> tags it may depend on. `type:app` projects may not be imported by anything. */
export const DEP_CONSTRAINTS = {
  'scope:gateway': ['scope:shared'],
  'scope:control-plane': ['scope:shared'],
  'scope:cli': ['scope:shared'],
  'scope:console': ['platform:any', 'platform:browser'],
  'scope:shared': ['scope:shared'],
};

/** Packages a project with this tag must never import (the gateway stays Nest/Prisma/BullMQ-free). */
export const BANNED_PACKAGES = {
  'scope:gateway': [/^@nestjs\//, /^@prisma\//, /^prisma$/, /^bullmq$/, /^pg$/],
  'scope:console': [/^node:/, /^@nestjs\//, /^@prisma\//, /^bullmq$/, /^ioredis$/, /^undici$/],
  'scope:shared': [/^@nestjs\//, /^@prisma\//, /^bullmq$/],
};

function loadProjects() {
  const projects = [];
  for (const group of ['apps', 'libs']) {
    const dir = path.join(ROOT, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const pkgFile = path.join(dir, name, 'package.json');
      if (!fs.existsSync(pkgFile)) continue;
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
      projects.push({ root: path.join(dir, name), name: pkg.name, tags: pkg.nx?.tags ?? [] });
    }
  }
  return projects;
}

const projects = loadProjects();
const byFile = (file) => projects.find((p) => file === p.root || file.startsWith(p.root + path.sep));
const byPackage = (spec) => projects.find((p) => spec === p.name || spec.startsWith(p.name + '/'));

function allowed(from, to) {
  if (to.tags.includes('type:app')) return false;
  return from.tags.some((tag) => (DEP_CONSTRAINTS[tag] ?? []).some((t) => to.tags.includes(t)));
}

export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce Nx tag-based module boundaries' },
    messages: {
      banned: '{{project}} must not import "{{spec}}" (module boundaries: docs/architecture.md)',
      crossProject: '{{from}} must not import {{to}} (tags {{fromTags}} may not depend on {{toTags}})',
    },
    schema: [],
  },
  create(context) {
    const from = byFile(path.resolve(context.filename));
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      for (const tag of from.tags) {
        if ((BANNED_PACKAGES[tag] ?? []).some((re) => re.test(spec))) {
          context.report({ node, messageId: 'banned', data: { project: from.name, spec } });
          return;
        }
      }
      const to = spec.startsWith('.') ? byFile(path.resolve(path.dirname(context.filename), spec)) : byPackage(spec);
      if (!to || to === from || allowed(from, to)) return;
      context.report({
        node,
        messageId: 'crossProject',
        data: { from: from.name, to: to.name, fromTags: from.tags.join(','), toTags: to.tags.join(',') },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) =>
        node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments[0]?.type === 'Literal' &&
        check(node, node.arguments[0].value),
    };
  },
};

export default { rules: { boundaries: boundariesRule } };
