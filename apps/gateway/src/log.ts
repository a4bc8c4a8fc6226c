/** One line per event on stdout (errors on stderr); structured enough to grep, never carries secrets. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

function line(level: string, msg: string, fields?: Record<string, unknown>): string {
  let out = `${new Date().toISOString()} ${level} gateway: ${msg}`;
  if (fields) {
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      out += ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    }
  }
  return `${out}\n`;
}

export const consoleLogger: Logger = {
  info: (msg, fields) => process.stdout.write(line('info', msg, fields)),
  warn: (msg, fields) => process.stderr.write(line('warn', msg, fields)),
  error: (msg, fields) => process.stderr.write(line('error', msg, fields)),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
