import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** One failing field of a request body: a JSON Pointer into the body and ajv's message. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** At most this many problems in a 400: enough to fix a request, not an amplifier for a huge bad body. */
export const MAX_PROBLEMS = 20;

/**
 * Compiles a body schema once per config. The dialect follows `$schema` (2020-12, 2019-09, else draft-07).
 * Unknown keywords (`example`, vendor extensions) are ignored, but a schema that is not valid JSON Schema or
 * names a `$ref` it does not contain throws here, and the framework fails the route closed (500
 * AYA_GW_PLUGIN_ERROR) rather than letting unvalidated bodies through.
 */
export function compileBodySchema(schema: Record<string, unknown>, allErrors: boolean): ValidateFunction {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { allErrors, strict: false, validateFormats: true };
  const ajv = dialect.includes('2020-12') ? new Ajv2020(options) : dialect.includes('2019-09') ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  return ajv.compile(schema);
}

/** ajv errors as `{path, message}`; `required` and `additionalProperties` name the property in the path. */
export function fieldProblems(errors: readonly ErrorObject[] | null | undefined): FieldProblem[] {
  return (errors ?? []).slice(0, MAX_PROBLEMS).map((e) => {
    const params = e.params as { missingProperty?: unknown; additionalProperty?: unknown };
    const property = e.keyword === 'required' ? params.missingProperty : e.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
    const path = typeof property === 'string' ? `${e.instancePath}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath;
    return { path, message: e.message ?? e.keyword };
  });
}
