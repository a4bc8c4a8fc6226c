import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/process';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'aya/boundaries').map((m) => m.message);
}

describe('module boundaries (Nx tags + aya/boundaries lint rule)', () => {
  it.each([
    ['apps/gateway/src/x.ts', "import { Module } from '@nestjs/common';"],
    ['apps/gateway/src/x.ts', "import { PrismaClient } from '@prisma/client';"],
    ['apps/gateway/src/x.ts', "import { Queue } from 'bullmq';"],
    ['apps/gateway/src/x.ts', "import { x } from '@aya/control-plane';"],
    ['apps/gateway/src/x.ts', "import { x } from '../../control-plane/src/main';"],
    ['libs/config-schema/src/x.ts', "import { x } from '@aya/gateway';"],
    ['apps/console/src/x.ts', "import fs from 'node:fs';"],
    ['apps/cli/src/x.ts', "import { x } from '@aya/gateway';"],
  ])('%s: %s is an error', async (file, code) => {
    expect(await boundaryErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['apps/gateway/src/x.ts', "import { snapshotSchema } from '@aya/config-schema';"],
    ['apps/gateway/src/x.ts', "import { request } from 'undici';"],
    ['apps/control-plane/src/x.ts', "import { Module } from '@nestjs/common';"],
    ['apps/console/src/x.ts', "import { routeCreateSchema } from '@aya/config-schema';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
