import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { httpParser, loadHttpParser } from './h1-parser';

const realRequire = createRequire(__filename);

describe('loadHttpParser (node internal _http_common, DEP0199)', () => {
  it("finds this node's parser", () => {
    const P = loadHttpParser(realRequire);
    expect(P).toBeTypeOf('function');
    expect(httpParser()).toBe(P);
  });

  it('is undefined when the module is missing (a node that removed it)', () => {
    // a real require of a module that does not exist: MODULE_NOT_FOUND, as a future node would throw
    const removed = (id: string): unknown => realRequire(`${id}_removed_in_this_node`);
    expect(() => removed('_http_common')).toThrow(expect.objectContaining({ code: 'MODULE_NOT_FOUND' }) as Error);
    expect(loadHttpParser(removed)).toBeUndefined();
  });

  it('is undefined when the module no longer exports a parser of the shape driven here', () => {
    expect(loadHttpParser(() => ({}))).toBeUndefined();
    expect(loadHttpParser(() => undefined)).toBeUndefined();
    // a parser without the message-begin callback slot the desync guard needs
    expect(loadHttpParser(() => ({ HTTPParser: class {} }))).toBeUndefined();
    const { HTTPParser } = realRequire('_http_common') as { HTTPParser: object };
    const renamed = Object.assign(function Parser() {}, HTTPParser, { kOnMessageBegin: undefined });
    expect(loadHttpParser(() => ({ HTTPParser: renamed }))).toBeUndefined();
  });
});
