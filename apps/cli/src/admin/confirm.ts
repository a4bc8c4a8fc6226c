import { createInterface } from 'node:readline/promises';
import { CancelledError, UsageError } from './errors';

/**
 * Before a command changes live config without `--yes` (`aya config rollback`): the question needs a terminal, so
 * a script that forgot the flag stops with exit 2 before anything is sent, instead of hanging or guessing.
 */
export function assertCanAsk(flag: string): void {
  if (!process.stdin.isTTY) throw new UsageError(`stdin is not a terminal: confirm with ${flag}`);
}

/** Asks on the terminal; anything but y/yes is no (CancelledError: exit 1, nothing changed). */
export async function confirmOrCancel(question: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CancelledError('cancelled: nothing was changed');
  } finally {
    rl.close();
  }
}
