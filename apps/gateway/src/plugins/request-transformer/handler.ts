import { GwErrorCode, requestTransformerConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import type { PhaseResult, PluginDefinition, PluginReply, PluginRequest } from '../types';
import { applyEdits, compileEdits, isEmpty, pick } from './edits';
import { isJsonMediaType, isJsonObject, jsonConfigValue, jsonFieldStore, mediaType, parseJson, stringifyJson } from './json-body';
import { queryStore, requestHeaderStore } from './request-stores';

type RequestTransformerConfig = PluginConfigOf<'request-transformer'>;

function badBody(message: string): PluginReply {
  return { code: GwErrorCode.BAD_REQUEST, details: [{ path: '', message }] };
}

/**
 * request-transformer: edits the request before it goes upstream — headers, query string and top-level
 * JSON body fields (`remove` -> `rename` -> `replace` -> `add` -> `append`, see edits.ts). The body is
 * read only when there are JSON edits and the request is JSON (`application/json`, `*+json`); other
 * bodies stream through untouched. A JSON request whose body is not a JSON object: 400 AYA_GW_BAD_REQUEST.
 */
export const requestTransformerPlugin: PluginDefinition<RequestTransformerConfig> = {
  name: 'request-transformer',
  priority: 801,
  version: '1.0.0',
  schema: requestTransformerConfigSchema,
  create(config) {
    const lower = (n: string): string => n.toLowerCase();
    const same = (v: string): string => v;
    const headers = compileEdits(pick(config, 'headers'), lower, same);
    const query = compileEdits(pick(config, 'querystring'), same, same);
    const json = compileEdits(pick(config, 'json'), same, jsonConfigValue);
    const editsHeaders = !isEmpty(headers);
    const editsQuery = !isEmpty(query);
    const editsJson = !isEmpty(json);

    async function transformBody(r: PluginRequest): Promise<PhaseResult> {
      // the media type of the request as it arrived: a header edit does not change how the body is written
      if (!isJsonMediaType(mediaType(r.req.headers['content-type']))) return undefined;
      const body = await r.readBody();
      const parsed = body.length === 0 ? { ok: true as const, value: {} } : parseJson(body);
      if (!parsed.ok) return badBody('the body is not valid JSON');
      if (!isJsonObject(parsed.value)) return badBody('the body is not a JSON object');
      applyEdits(json, jsonFieldStore(parsed.value));
      const out = stringifyJson(parsed.value);
      if (out === undefined) return badBody('the body is nested too deeply');
      r.setBody(out);
      return undefined;
    }

    return {
      access(r) {
        if (editsHeaders) applyEdits(headers, requestHeaderStore(r));
        if (editsQuery) {
          const params = new URLSearchParams(r.upstreamQuery ?? r.query);
          applyEdits(query, queryStore(params));
          const text = params.toString();
          r.upstreamQuery = text === '' ? '' : `?${text}`;
        }
        return editsJson ? transformBody(r) : undefined;
      },
    };
  },
};
