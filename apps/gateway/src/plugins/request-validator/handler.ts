import { GwErrorCode, requestValidatorConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { isJsonMediaType, mediaType, parseJson } from '../request-transformer/json-body';
import type { PhaseResult, PluginDefinition, PluginReply, PluginRequest } from '../types';
import { compileBodySchema, fieldProblems, type FieldProblem } from './compile-schema';
import { compileMediaRanges } from './content-types';

type RequestValidatorConfig = PluginConfigOf<'request-validator'>;

/** Methods whose requests usually carry no body: without one they are not validated. */
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/**
 * request-validator: the request body against a JSON Schema compiled when the config loads (ajv, with
 * formats). A media type outside `allowedContentTypes`: 415 AYA_GW_UNSUPPORTED_MEDIA_TYPE. A JSON body
 * (`application/json`, `*+json`) that is missing, not JSON or not valid: 400 AYA_GW_REQUEST_INVALID,
 * with `details: [{path, message}]` (JSON Pointers into the body) when `verboseResponse`. Allowed non-JSON
 * types pass unvalidated. GET / HEAD / OPTIONS / DELETE without a body are not checked.
 */
export const requestValidatorPlugin: PluginDefinition<RequestValidatorConfig> = {
  name: 'request-validator',
  priority: 900,
  version: '1.0.0',
  schema: requestValidatorConfigSchema,
  create(config) {
    const validate = compileBodySchema(config.bodySchema, config.verboseResponse);
    const allowed = compileMediaRanges(config.allowedContentTypes);

    function invalid(problems: FieldProblem[]): PluginReply {
      return config.verboseResponse ? { code: GwErrorCode.REQUEST_INVALID, details: problems } : { code: GwErrorCode.REQUEST_INVALID };
    }

    async function validateBody(r: PluginRequest): Promise<PhaseResult> {
      const body = await r.readBody();
      if (body.length === 0) return invalid([{ path: '', message: 'a JSON body is required' }]);
      const parsed = parseJson(body);
      if (!parsed.ok) return invalid([{ path: '', message: 'the body is not valid JSON' }]);
      let valid: boolean;
      try {
        valid = validate(parsed.value) as boolean;
      } catch {
        // a recursive schema walking an absurdly deep body runs out of stack: the body is refused, not the route
        return invalid([{ path: '', message: 'the body is nested too deeply' }]);
      }
      return valid ? undefined : invalid(fieldProblems(validate.errors));
    }

    return {
      access(r) {
        if (BODILESS_METHODS.has(r.method) && !r.hasBody) return undefined;
        const type = mediaType(r.req.headers['content-type']);
        if (!allowed(type)) return { code: GwErrorCode.UNSUPPORTED_MEDIA_TYPE };
        return isJsonMediaType(type) ? validateBody(r) : undefined;
      },
    };
  },
};
