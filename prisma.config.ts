import path from 'node:path';
import { defineConfig } from 'prisma/config';

// No datasource url is needed by `prisma generate`; migration commands read DATABASE_URL.
export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
