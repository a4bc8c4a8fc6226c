import type { ErrorDetail, Plugin, PluginName, pluginCreateSchema } from '@aya/config-schema';
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { z } from 'zod';
import { validationErrorsToDetails, type JsonSchema } from '../../../lib/json-schema-form';

export type PluginInput = z.input<typeof pluginCreateSchema>;

/** Where a new plugin attaches: ids of a service, route and/or consumer; none = global for the tenant. */
export interface PluginScope {
  service?: string;
  route?: string;
  consumer?: string;
}

export interface PluginFormValues {
  name: PluginName | '';
  /** ids; '' = any */
  service: string;
  route: string;
  consumer: string;
  enabled: boolean;
  config: Record<string, unknown>;
}

export const PLUGIN_FORM_FIELDS = ['name', 'service', 'route', 'consumer', 'enabled', 'config'] as const;

/** A scope picker set back to "any" is sent as null. */
export const PLUGIN_CLEAR_VALUES = { service: null, route: null, consumer: null };

export function toPluginValues(plugin?: Plugin, scope: PluginScope = {}): PluginFormValues {
  return {
    name: plugin?.name ?? '',
    service: plugin ? (plugin.serviceId ?? '') : (scope.service ?? ''),
    route: plugin ? (plugin.routeId ?? '') : (scope.route ?? ''),
    consumer: plugin ? (plugin.consumerId ?? '') : (scope.consumer ?? ''),
    enabled: plugin?.enabled ?? true,
    config: plugin?.config ?? {},
  };
}

/** A fresh config for a plugin: the defaults its schema declares, so the form shows what the gateway will apply. */
export function defaultConfig(schema: JsonSchema): Record<string, unknown> {
  return (getDefaultFormState(validator, schema as RJSFSchema, undefined) ?? {}) as Record<string, unknown>;
}

/**
 * Form values -> request body. The config is checked here against its JSON Schema (the same ajv the form
 * renders with), so a bad value lands at its field (`config.limits.0.limit`) before anything is sent;
 * refinements the schema cannot express (`header` with `by: "header"`) come back from the server the same way.
 */
export function toPluginPayload(values: PluginFormValues, schema: JsonSchema | undefined): { payload: PluginInput; errors: ErrorDetail[] } {
  const payload: PluginInput = {
    name: values.name as PluginName,
    config: values.config,
    enabled: values.enabled,
    service: values.service || undefined,
    route: values.route || undefined,
    consumer: values.consumer || undefined,
  };
  const errors = schema && values.name ? validationErrorsToDetails(validator.validateFormData(values.config, schema as RJSFSchema).errors, 'config') : [];
  return { payload, errors };
}
