import { createRequire } from 'node:module';

/**
 * node's own llhttp binding (the one node:http uses), for the lean upstream client. It is not a
 * public API, so it is looked up defensively: when a node version lacks it, `NativeParser` is
 * undefined and every pool falls back to undici.
 */
export interface NativeParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  /** bytes parsed, or the parse error (code HPE_*) */
  execute(data: Buffer): number | Error;
  /** end of input: completes a close-delimited body, or the error of a truncated message */
  finish(): Error | undefined;
  close(): void;
  [slot: number]: unknown;
}

export interface NativeParserClass {
  new (): NativeParser;
  readonly RESPONSE: number;
  readonly kOnMessageBegin: number;
  readonly kOnHeaders: number;
  readonly kOnHeadersComplete: number;
  readonly kOnBody: number;
  readonly kOnMessageComplete: number;
}

function load(): NativeParserClass | undefined {
  try {
    const common = createRequire(__filename)('_http_common') as { HTTPParser?: NativeParserClass };
    const P = common.HTTPParser;
    if (typeof P !== 'function' || typeof P.kOnHeadersComplete !== 'number' || typeof P.prototype.execute !== 'function') return undefined;
    return P;
  } catch {
    return undefined;
  }
}

export const HTTPParser: NativeParserClass | undefined = load();
