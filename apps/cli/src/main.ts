#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { describeError, EXIT_USAGE } from './admin/errors';
import { addLoginCommand } from './admin/login-command';
import { addResourceCommands } from './admin/resource-commands';
import { RESOURCE_SPECS } from './admin/resources';
import { addAuditCommand } from './commands/audit';
import { addConfigCommands } from './commands/config';

function buildProgram(): Command {
  const program = new Command('aya')
    .description('Aya: run the platform (start) and manage it through the admin API')
    // throw instead of exiting inside commander, so every usage error leaves with exit 2 (commander's is 1)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');
  program
    .command('start')
    .description('run the platform (AYA_ROLE=all|control-plane|gateway; see apps/cli/README.md)')
    // loaded on use: the admin commands need none of its modules (embedded Postgres, pg, the contract's runtime)
    .action(async () => (await import('./commands/start.js')).startCommand());
  addLoginCommand(program);
  for (const spec of RESOURCE_SPECS) addResourceCommands(program, spec);
  addConfigCommands(program);
  addAuditCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // commander already printed its message (or the help); --help and `aya help` end with exit code 0
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    const { lines, exitCode } = describeError(error);
    process.stderr.write(`${lines.join('\n')}\n`);
    return exitCode;
  }
}

// `aya routes list | head -1`: a reader that stops early is no error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
