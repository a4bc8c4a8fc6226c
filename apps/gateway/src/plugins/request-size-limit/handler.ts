import { GwErrorCode, PLUGIN_CONFIG_SCHEMAS, type PluginConfigOf } from '@aya/config-schema';
import { h2BodyFollows } from '../../server/h2-compat';
import type { PluginDefinition, PluginInstance, PluginReply } from '../types';

type Config = PluginConfigOf<'request-size-limit'>;

const TOO_LARGE: PluginReply = { code: GwErrorCode.BODY_TOO_LARGE };
const LENGTH_REQUIRED: PluginReply = { code: GwErrorCode.LENGTH_REQUIRED };

/**
 * request-size-limit: a declared Content-Length over `allowedPayloadSize` is refused before anything
 * is read (413); a body without one (chunked, HTTP/2 without length) is counted while it streams and
 * cut at the limit (413), or refused up front with 411 when `requireContentLength` is set. Nothing
 * is buffered: the body still streams to the upstream.
 */
export function createRequestSizeLimit(config: Config): PluginInstance {
  const max = config.allowedPayloadSize;
  return {
    access(r) {
      const length = r.req.headers['content-length'];
      if (length !== undefined) return Number(length) > max ? TOO_LARGE : undefined;
      // chunked (HTTP/1.1), or an HTTP/2 stream whose HEADERS did not end it
      if (r.req.headers['transfer-encoding'] === undefined && !h2BodyFollows(r.req)) return undefined;
      if (config.requireContentLength) return LENGTH_REQUIRED;
      r.limitBody(max);
      return undefined;
    },
  };
}

export const requestSizeLimitPlugin: PluginDefinition<Config> = {
  name: 'request-size-limit',
  priority: 1800,
  version: '1.0.0',
  schema: PLUGIN_CONFIG_SCHEMAS['request-size-limit'],
  create: (config) => createRequestSizeLimit(config),
};
