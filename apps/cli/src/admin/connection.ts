import { Option, type Command } from 'commander';
import { AdminClient } from './client';
import { OUTPUT_FORMATS, type OutputFormat } from './output';

/** The control plane's default AYA_ADMIN_PORT (apps/control-plane/src/env.ts) on this machine. */
export const DEFAULT_URL = 'http://127.0.0.1:8001';
/** The tenant the control plane creates at first start. */
export const DEFAULT_TENANT = 'default';

export interface ConnectionOptions {
  url: string;
  token?: string;
  tenant: string;
  output: OutputFormat;
}

/**
 * The options every admin command takes, on the command itself so each `--help` lists them and they may come
 * anywhere on the line. Help shows the env variable's name, never its value (the token stays unprinted).
 */
export function withConnection(cmd: Command, { tenant }: { tenant: boolean }): Command {
  cmd
    .addOption(new Option('--url <url>', 'control plane admin URL').env('AYA_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <token>', 'admin bearer token (prefer the env variable: argv is visible to other users)').env('AYA_TOKEN'))
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'));
  if (tenant) cmd.addOption(new Option('--tenant <slug>', 'tenant').env('AYA_TENANT').default(DEFAULT_TENANT));
  return cmd;
}

export const clientFor = (opts: ConnectionOptions): AdminClient => new AdminClient({ url: opts.url, token: opts.token || undefined });
