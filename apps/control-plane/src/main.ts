import 'reflect-metadata';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AppConfig } from './app-config';
import { AppModule } from './app.module';
import { SecretBox } from './certificates/secret-box';
import { ConfigEvents } from './config-flow/config-events';
import { ConfigReader } from './config-flow/config-reader';
import { ConfigWriter } from './config-flow/config-writer';
import { PgConfigListener } from './config-flow/pg-listener';
import { RedisPublisher } from './config-flow/redis-publisher';
import { acceptEmptyJsonBodies } from './common/json-body';
import { acceptConfigDocuments } from './declarative/declarative-bodies';
import { consoleAvailable } from './console/console-static';
import { bootstrap } from './db/bootstrap';
import { applyMigrations, modifiedMigrations, readMigrations, withMigrationLock } from './db/migrate';
import { createPrisma } from './db/prisma';
import { EnvError, loadEnv, type AppEnv } from './env';
import { frameworkErrors } from './framework-errors';
import { errorMessage, log } from './log';
import { startMaintenance } from './maintenance/maintenance-scheduler';
import { MaintenanceTasks } from './maintenance/maintenance-tasks';
import { onShutdownSignals } from './shutdown';

class StartupError extends Error {}

const BODY_LIMIT = 1024 * 1024;

/** fastify's `trustProxy`: the nearest N hops, or the proxies' addresses; unset = the socket's peer is the client. */
function trustProxyOf(env: AppEnv): string | false | ((address: string, hop: number) => boolean) {
  const value = env.AYA_TRUST_PROXY;
  if (value === undefined) return false;
  if (!/^\d+$/.test(value)) return value;
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/** Migrations and first-start data, on one connection holding the migration lock. */
async function prepareDatabase(env: AppEnv): Promise<void> {
  const migrations = readMigrations(env.AYA_MIGRATIONS_DIR);
  const client = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new StartupError(`cannot connect to the database: ${errorMessage(err)}`);
  }
  try {
    const { applied, modified, boot } = await withMigrationLock(client, async () => ({
      applied: await applyMigrations(client, migrations),
      modified: await modifiedMigrations(client, migrations),
      boot: await bootstrap(client),
    }));
    log.info(applied.length ? `database migrated: ${applied.join(', ')}` : `database schema up to date (${migrations.length} migrations)`);
    if (modified.length) log.error(`applied migrations were modified since: ${modified.join(', ')}`);
    // the one time the clear password exists: shown once, only its scrypt hash is stored
    if (boot.initialAdminPassword) process.stdout.write(`Initial admin user: admin  password: ${boot.initialAdminPassword}\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Stored private keys and jwt secrets need the AYA_SECRET_KEY they were sealed with: say so at start, not at the first write. */
async function checkSecretKey(prisma: ReturnType<typeof createPrisma>, box: SecretBox): Promise<void> {
  const cert = await prisma.certificate.findFirst({ where: { keyEncrypted: { not: null } }, select: { keyEncrypted: true } });
  const jwt = cert ? null : await prisma.credential.findFirst({ where: { secretEncrypted: { not: null } }, select: { secretEncrypted: true } });
  const sample = cert?.keyEncrypted ?? jwt?.secretEncrypted;
  if (!sample) return;
  try {
    box.open(sample);
  } catch (err) {
    // not fatal: reads still work; config writes and snapshot pulls answer AYA_CP_SECRET_KEY_REQUIRED
    log.error(`certificate private keys or jwt secrets are stored but cannot be decrypted: ${errorMessage(err)}`);
  }
}

async function start(): Promise<void> {
  const env = loadEnv();
  await prepareDatabase(env);

  const consoleEnabled = consoleAvailable(env.AYA_CONSOLE_DIR);
  const config = new AppConfig(env, consoleEnabled);
  const prisma = createPrisma(env.DATABASE_URL);
  const redis = new RedisPublisher(env.REDIS_URL);
  await redis.connect();
  const events = new ConfigEvents();
  const box = new SecretBox(env.AYA_SECRET_KEY, env.AYA_CLUSTER_TOKEN);
  await checkSecretKey(prisma, box);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, prisma, redis, events, box }),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT, return503OnClosing: true, frameworkErrors, trustProxy: trustProxyOf(env) }),
    { logger: false, abortOnError: false },
  );
  acceptEmptyJsonBodies(app, BODY_LIMIT);
  acceptConfigDocuments(app);
  if (consoleEnabled) {
    // wildcard GET /* serves files; a missing one falls through to the not-found path (ErrorFilter: SPA fallback)
    await app.register(fastifyStatic, { root: env.AYA_CONSOLE_DIR, prefix: '/', index: ['index.html'] });
  }

  // before the first gateway pull: a database from before config deltas gets its item digests and hash now
  if (await app.get(ConfigWriter).ensureSynced()) log.info('config items synced: gateways pull the config once more');

  const reader = app.get(ConfigReader);
  const reannounce = () => reader.current().then((n) => events.emit(n), () => undefined);
  const listener = new PgConfigListener(env.DATABASE_URL, (n) => events.emit(n), reannounce);
  await listener.start();

  const tasks = new MaintenanceTasks(prisma, {
    nodeRetentionHours: env.AYA_NODE_RETENTION_HOURS,
    auditRetentionDays: env.AYA_AUDIT_RETENTION_DAYS,
    keepRevisions: env.AYA_CONFIG_HISTORY_REVISIONS,
  });
  const maintenance = startMaintenance({ redisUrl: env.REDIS_URL, everyMs: env.AYA_MAINTENANCE_INTERVAL_MS, run: () => tasks.run() });

  await app.listen(env.AYA_ADMIN_PORT, env.AYA_ADMIN_HOST);
  const address = app.getHttpServer().address() as AddressInfo;
  log.info(
    `listening on http://${env.AYA_ADMIN_HOST}:${address.port} (redis ${redis.enabled ? 'on' : 'off'}, maintenance ${maintenance.mode}, console ${consoleEnabled ? 'on' : 'off'})`,
  );

  onShutdownSignals(app.getHttpServer() as Server, () => {
    events.closeAll(); // open SSE streams would keep the server from closing
    return app.close();
  }, [
    { name: 'maintenance', run: () => maintenance.stop() },
    { name: 'config listener', run: () => listener.stop() },
    { name: 'redis', run: () => redis.close() },
    { name: 'database', run: () => prisma.$disconnect() },
  ]);
}

process.on('unhandledRejection', (err) => log.error(`unhandled rejection: ${errorMessage(err)}`));

start().catch((err: unknown) => {
  const known = err instanceof EnvError || err instanceof StartupError;
  log.error(known ? errorMessage(err) : `start-up failed: ${errorMessage(err)}`);
  process.exit(1);
});
