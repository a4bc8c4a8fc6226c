import { createRequire } from 'node:module';

/**
 * node's own llhttp binding (the one node:http uses), for the lean upstream client. It lives in
 * node's internal `_http_common` module, which is not a public API (documentation-deprecated,
 * DEP0199), so it is looked up defensively and only when the lean client is wanted: when a node
 * version lacks it, or it no longer has the shape driven here, every pool uses undici.
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

/**
 * node's parser class as `load` (a require function) finds it; undefined when the module is
 * missing, throws, or its HTTPParser is not the shape h1-connection.ts drives.
 */
export function loadHttpParser(load: (id: string) => unknown): NativeParserClass | undefined {
  try {
    const P = (load('_http_common') as { HTTPParser?: NativeParserClass } | undefined)?.HTTPParser;
    if (typeof P !== 'function' || typeof P.kOnHeadersComplete !== 'number' || typeof P.kOnMessageBegin !== 'number') return undefined;
    if (typeof P.prototype.execute !== 'function' || typeof P.prototype.initialize !== 'function') return undefined;
    return P;
  } catch {
    return undefined;
  }
}

let loaded: { parser: NativeParserClass | undefined } | undefined;

/**
 * The parser of this node, loaded on first use: with AYA_UPSTREAM_CLIENT=undici the internal
 * module is never required (so a future runtime deprecation warning of it would not print).
 */
export function httpParser(): NativeParserClass | undefined {
  loaded ??= { parser: loadHttpParser(createRequire(__filename)) };
  return loaded.parser;
}
