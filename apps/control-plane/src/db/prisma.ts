import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** DI token of the shared PrismaClient (created in main.ts so shutdown can close it last). */
export const PRISMA = 'aya:prisma';

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

export function createPrisma(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}
