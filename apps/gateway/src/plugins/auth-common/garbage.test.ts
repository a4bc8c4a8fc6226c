import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBasicHeader } from '../basic-auth/basic-header';
import { bearerToken } from '../jwt/token-source';
import { decodeUnverified } from '../jwt/verify';
import { cookieValue, queryParam, withoutCookies, withoutQueryParams } from './request-parts';

/** Whatever a client sends, the parsers of credentials answer (a value or "malformed"), never throw. */
describe('credential parsers on arbitrary input', () => {
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.base64String({ maxLength: 300 }));

  it('Basic headers', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const header of [s, `Basic ${s}`, `basic ${Buffer.from(s).toString('base64')}`]) {
          const parsed = parseBasicHeader(header);
          if (parsed !== undefined && !('malformed' in parsed)) expect(parsed.user.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('JWTs', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const token = bearerToken(`Bearer ${a}.${b}.${c}`) ?? '';
        const decoded = decodeUnverified(token);
        expect('payload' in decoded || decoded.reason === 'credentials-malformed').toBe(true);
      }),
    );
  });

  it('query strings and cookies', () => {
    fc.assert(
      fc.property(text, text, (q, name) => {
        queryParam(`?${q}`, name);
        expect(queryParam(withoutQueryParams(`?${q}`, new Set([name])), name)).toBeUndefined();
        cookieValue(q, name);
        withoutCookies(q, new Set([name]));
      }),
    );
  });
});
