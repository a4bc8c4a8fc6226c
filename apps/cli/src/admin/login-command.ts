import { Option, type Command } from 'commander';
import { readStdin } from './body';
import { clientFor, withConnection, type ConnectionOptions } from './connection';
import { UsageError } from './errors';
import { printData } from './output';

interface LoginResult {
  token: string;
  expiresAt: string;
  /** `role` until issue 10's per-tenant roles, `superadmin` after */
  user: { username: string; role?: string; superadmin?: boolean };
}

type Options = ConnectionOptions & { username: string; passwordStdin?: boolean };

/**
 * `aya login`: signs in with a user's password (POST /api/v1/auth/login) and prints the session token, so
 * `export AYA_TOKEN=$(aya login ...)` works after `aya start` printed the admin password. The password comes from
 * stdin or AYA_PASSWORD, never from argv (which other users of the machine can read).
 */
export function addLoginCommand(program: Command): void {
  withConnection(program.command('login').description('sign in and print a session token (12 h) for AYA_TOKEN'), { tenant: false })
    .addOption(new Option('-u, --username <username>', 'user').env('AYA_USERNAME').default('admin'))
    .option('--password-stdin', 'read the password from stdin (one line)')
    .action(async (opts: Options) => {
      const password = opts.passwordStdin ? (await readStdin()).split(/\r?\n/)[0] : process.env.AYA_PASSWORD;
      if (!password) throw new UsageError('give the password on stdin with --password-stdin, or in AYA_PASSWORD');
      const result = await clientFor({ ...opts, token: undefined }).request<LoginResult>('POST', '/api/v1/auth/login', {
        username: opts.username,
        password,
      });
      if (opts.output === 'table') process.stdout.write(`${result.token}\n`);
      else printData(result, opts.output);
      const role = result.user.role ?? (result.user.superadmin ? 'superadmin' : undefined);
      process.stderr.write(`signed in as ${result.user.username}${role ? ` (${role})` : ''} until ${result.expiresAt}\n`);
    });
}
