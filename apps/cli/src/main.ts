#!/usr/bin/env node
import { startCommand } from './commands/start';

const USAGE = `usage: aya <command>

commands:
  start     run the platform (AYA_ROLE=all|control-plane|gateway; see README)
`;

async function main(argv: string[]): Promise<void> {
  const [command] = argv;
  switch (command) {
    case 'start':
      return startCommand();
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return;
    default:
      process.stderr.write(`aya: unknown command "${command}"\n${USAGE}`);
      process.exit(2);
  }
}

void main(process.argv.slice(2));
