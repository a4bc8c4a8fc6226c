/** One line per event on stdout/stderr. Never pass secrets or request bodies here. */
export const log = {
  info(message: string): void {
    process.stdout.write(`aya control-plane: ${message}\n`);
  },
  error(message: string): void {
    process.stderr.write(`aya control-plane: ${message}\n`);
  },
};

/** The message of an unknown thrown value, on one line. */
export function errorMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message || err.name : String(err);
  return msg.replace(/\s+/g, ' ').trim();
}
