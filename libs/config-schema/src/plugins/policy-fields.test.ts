import { describe, expect, it } from 'vitest';
import { botDetectionConfigSchema, corsConfigSchema, requestTransformerConfigSchema, requestValidatorConfigSchema, responseTransformerConfigSchema } from './traffic';

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.join('.'));
}

describe('cors origins', () => {
  it('takes *, origins, subdomain wildcards and regexes', () => {
    const ok = corsConfigSchema.safeParse({ origins: ['*', 'https://app.example.com', 'http://localhost:3000', 'https://*.example.com', '~^https://(a|b)\\.example\\.com$', 'http://[::1]:8080'] });
    expect(ok.success).toBe(true);
  });

  it('refuses a regex that does not compile and things that are not origins, naming the entry', () => {
    const bad = corsConfigSchema.safeParse({ origins: ['https://ok.example.com', '~(unclosed', 'example.com', 'https://app.example.com/path'] });
    expect(issuePaths(bad)).toEqual(['origins.1', 'origins.2', 'origins.3']);
  });

  it('refuses origin regexes that can backtrack catastrophically, as route regexes are', () => {
    const bad = corsConfigSchema.safeParse({ origins: ['~^https://(a+)+\\.example\\.com$', '~(x|y)\\1', '~^https://[a-z]+\\.example\\.com$'] });
    expect(issuePaths(bad)).toEqual(['origins.0', 'origins.1']);
  });

  it('refuses a method that is not a token', () => {
    expect(issuePaths(corsConfigSchema.safeParse({ methods: ['GET', 'PO ST'] }))).toEqual(['methods.1']);
  });
});

describe('bot-detection rules', () => {
  it('refuses User-Agent rules that do not compile or can backtrack catastrophically, naming the entry', () => {
    const bad = botDetectionConfigSchema.safeParse({ deny: ['BadBot', '(unclosed', '^(\\w+\\s?)*$'], allow: ['^Mozilla/(.*)*Firefox', '(a)\\1'] });
    expect(issuePaths(bad).sort()).toEqual(['allow.0', 'allow.1', 'deny.1', 'deny.2']);
    expect(botDetectionConfigSchema.safeParse({ deny: ['BadBot', '^Evil/\\d+'], allow: ['^curl/7\\.1'] }).success).toBe(true);
  });
});

describe('transformer edits', () => {
  it('takes name:value entries and fills every list', () => {
    const cfg = requestTransformerConfigSchema.parse({ add: { headers: ['X-A:1', 'X-Empty:'], json: ['n:{"a":1}'] }, rename: { querystring: ['old:new'] } });
    expect(cfg.add.headers).toEqual(['X-A:1', 'X-Empty:']);
    expect(cfg.remove).toEqual({ headers: [], querystring: [], json: [] });
    expect(cfg.append.json).toEqual([]);
  });

  it('refuses an entry without a name, a rename without a target, bad header names and framing headers', () => {
    const bad = requestTransformerConfigSchema.safeParse({
      add: { headers: [':v', 'X Bad:1', 'Content-Length:5', 'X-Split:a\r\nb'] },
      rename: { json: ['a:'], headers: ['X-A:Transfer-Encoding'] },
      remove: { headers: ['connection'] },
    });
    expect(issuePaths(bad).sort()).toEqual(['add.headers.0', 'add.headers.1', 'add.headers.2', 'add.headers.3', 'remove.headers.0', 'rename.headers.0', 'rename.json.0']);
  });

  it('has no query string edits for responses', () => {
    expect(responseTransformerConfigSchema.safeParse({ add: { querystring: ['a:1'] } }).success).toBe(false);
    expect(responseTransformerConfigSchema.parse({}).add).toEqual({ headers: [], json: [] });
  });
});

describe('request-validator', () => {
  it('takes media ranges and refuses other strings', () => {
    expect(requestValidatorConfigSchema.safeParse({ bodySchema: {}, allowedContentTypes: ['application/json', 'application/*', '*/*'] }).success).toBe(true);
    expect(issuePaths(requestValidatorConfigSchema.safeParse({ bodySchema: {}, allowedContentTypes: ['json'] }))).toEqual(['allowedContentTypes.0']);
  });
});
