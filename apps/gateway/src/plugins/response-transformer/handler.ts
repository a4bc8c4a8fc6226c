import { responseTransformerConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { applyEdits, compileEdits, isEmpty, pick, type FieldStore } from '../request-transformer/edits';
import { isJsonMediaType, isJsonObject, jsonConfigValue, jsonFieldStore, mediaType, parseJson, stringifyJson } from '../request-transformer/json-body';
import type { PluginDefinition } from '../types';
import { hasHeader, headerValues, removeHeader, setHeader } from '../../response/header-list';

type ResponseTransformerConfig = PluginConfigOf<'response-transformer'>;

/** The response head's flat [name, value...] list as a field store (append adds a header line). */
function responseHeaderStore(list: string[]): FieldStore<string> {
  return {
    has: (name) => hasHeader(list, name),
    set: (name, value) => setHeader(list, name, value),
    delete: (name) => removeHeader(list, name),
    rename(from, to) {
      removeHeader(list, to);
      for (let i = 0; i + 1 < list.length; i += 2) if ((list[i] as string).toLowerCase() === from) list[i] = to;
    },
    append: (name, value) => void list.push(name, value),
  };
}

/** A body the transformer may rewrite: JSON, not compressed (editing gzip would mean inflating it here). */
function editableBody(headers: readonly string[]): boolean {
  if (!isJsonMediaType(mediaType(headerValues(headers, 'content-type')[0]))) return false;
  const encoding = headerValues(headers, 'content-encoding')[0]?.trim().toLowerCase();
  return encoding === undefined || encoding === '' || encoding === 'identity';
}

/**
 * A rewritten body is no longer byte-identical to what a strong ETag named; it still is the same
 * representation for the same upstream bytes (the edits are deterministic), which is what a weak one says.
 */
function weakenEtag(list: string[]): void {
  for (let i = 0; i + 1 < list.length; i += 2) {
    if ((list[i] as string).toLowerCase() === 'etag' && !(list[i + 1] as string).startsWith('W/')) list[i + 1] = `W/${list[i + 1] as string}`;
  }
}

/**
 * response-transformer: edits the response head (any status, whoever answered) and top-level fields of
 * a JSON response body. With JSON edits configured, uncompressed JSON responses are held back (up to
 * AYA_MAX_BODY_BYTES), others stream; a held body is rewritten only when it is a JSON object. Compressed, non-JSON or
 * unparsable bodies pass unchanged: the upstream's body is not the client's fault, so no 4xx here.
 */
export const responseTransformerPlugin: PluginDefinition<ResponseTransformerConfig> = {
  name: 'response-transformer',
  priority: 800,
  version: '1.0.0',
  schema: responseTransformerConfigSchema,
  create(config) {
    const headers = compileEdits(pick(config, 'headers'), (n) => n.toLowerCase(), (v) => v);
    const json = compileEdits(pick(config, 'json'), (n) => n, jsonConfigValue);
    const editsHeaders = !isEmpty(headers);
    const editsJson = !isEmpty(json);
    return {
      buffersBody: editsJson,
      // only what body() can rewrite is held: a download of another type on the route streams as usual
      holdsBody: (_r, _status, list) => editableBody(list),
      header(_r, _status, list) {
        if (editsHeaders) applyEdits(headers, responseHeaderStore(list));
      },
      body(_r, _status, list, body) {
        if (!editsJson || !editableBody(list)) return body;
        const parsed = parseJson(body);
        if (!parsed.ok || !isJsonObject(parsed.value)) return body;
        applyEdits(json, jsonFieldStore(parsed.value));
        const out = stringifyJson(parsed.value);
        if (out === undefined) return body;
        weakenEtag(list);
        // the framework sets Content-Length of the body returned here
        return out;
      },
    };
  },
};
