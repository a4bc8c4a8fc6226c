import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import validator from '@rjsf/validator-ajv8';
import { PLUGIN_CONFIG_SCHEMAS } from '@aya/config-schema';
import { detailsToFormErrors } from './form-errors';
import { fieldErrorsToErrorTree, humanize, prepareSchema, uiSchemaFor, validationErrorsToDetails, type JsonSchema } from './json-schema-form';

/** The schema exactly as `GET /api/v1/plugins/schemas` builds it. */
const served = (name: keyof typeof PLUGIN_CONFIG_SCHEMAS) => z.toJSONSchema(PLUGIN_CONFIG_SCHEMAS[name], { io: 'input' }) as JsonSchema;

describe('prepareSchema', () => {
  it('drops the 2020-12 marker, titles every property and keeps the constraints', () => {
    const s = prepareSchema(served('rate-limit'));
    expect(s.$schema).toBeUndefined();
    const props = s.properties as Record<string, JsonSchema>;
    expect(props.faultTolerant?.title).toBe('Fault tolerant');
    const limits = props.limits as JsonSchema;
    expect(limits.minItems).toBe(1);
    expect(((limits.items as JsonSchema).properties as Record<string, JsonSchema>).limit).toMatchObject({ title: 'Limit', type: 'integer', minimum: 1 });
  });

  it('turns a nullable union into one nullable input with the branch constraints', () => {
    const anonymous = (prepareSchema(served('key-auth')).properties as Record<string, JsonSchema>).anonymous;
    expect(anonymous).toEqual({
      title: 'Anonymous',
      description: expect.stringContaining('Consumer') as unknown,
      default: null,
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 128,
    });
  });

  it('every plugin schema validates its own defaults with the ajv validator the form uses', () => {
    for (const name of Object.keys(PLUGIN_CONFIG_SCHEMAS) as Array<keyof typeof PLUGIN_CONFIG_SCHEMAS>) {
      const schema = prepareSchema(served(name));
      expect(() => validator.validateFormData({}, schema)).not.toThrow();
    }
  });
});

describe('uiSchemaFor', () => {
  it('edits free-form objects (a JSON Schema in a config) as JSON and leaves the rest to the default widgets', () => {
    expect(uiSchemaFor(prepareSchema(served('request-validator')), 'json')).toEqual({ bodySchema: { 'ui:field': 'json' } });
    expect(uiSchemaFor(prepareSchema(served('rate-limit')), 'json')).toEqual({});
  });
});

describe('validation errors to the field', () => {
  it('maps ajv errors of an invalid rate limit to config paths the form shows at the field', () => {
    const schema = prepareSchema(served('rate-limit'));
    const { errors } = validator.validateFormData({ limits: [{ window: 'minute', limit: 0 }], by: 'ip' }, schema);
    const details = validationErrorsToDetails(errors, 'config');
    expect(details).toContainEqual({ path: 'config.limits.0.limit', message: 'must be >= 1' });
    const tree = fieldErrorsToErrorTree(detailsToFormErrors(details, ['name', 'config']).fields, 'config');
    expect(tree).toEqual({ limits: { 0: { limit: { __errors: ['At least 1'] } } } });
  });

  it('reports a missing required field at that field', () => {
    const { errors } = validator.validateFormData({ by: 'ip' }, prepareSchema(served('rate-limit')));
    expect(validationErrorsToDetails(errors, 'config').map((d) => d.path)).toContain('config.limits');
  });

  it('puts server details (config.header, config) in the tree and ignores other fields', () => {
    const tree = fieldErrorsToErrorTree({ 'config.header': 'header is required', config: 'bad config', name: 'unknown plugin', configx: 'no' }, 'config');
    expect(tree).toEqual({ __errors: ['bad config'], header: { __errors: ['header is required'] } });
  });
});

describe('humanize', () => {
  it('splits camelCase and dashes', () => {
    expect(humanize('keyNames')).toBe('Key names');
    expect(humanize('allowedPayloadSize')).toBe('Allowed payload size');
    expect(humanize('by')).toBe('By');
  });
});
