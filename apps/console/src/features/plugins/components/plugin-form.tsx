import { useMemo } from 'react';
import { pluginCreateSchema, type Plugin, type PluginName } from '@aya/config-schema';
import { CheckboxField, SelectField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { SchemaForm } from '../../../components/schema-form';
import { prepareSchema, type JsonSchema } from '../../../lib/json-schema-form';
import { useResourceForm } from '../../../lib/use-resource-form';
import type { PluginSchemaInfo } from '../api/get-plugin-schemas';
import type { ScopeOption, ScopeOptions } from '../api/get-scope-options';
import { PLUGIN_FORM_FIELDS, defaultConfig, toPluginPayload, toPluginValues, type PluginInput, type PluginScope } from './plugin-form-values';

export interface PluginFormProps extends FormBinding<PluginInput> {
  plugin?: Plugin;
  /** The scope a new plugin starts with (the page it was added from). */
  scope?: PluginScope;
  schemas: PluginSchemaInfo[];
  scopeOptions: ScopeOptions | undefined;
}

function scopeChoices(options: ScopeOption[] | undefined, current: string, any: string) {
  const list = (options ?? []).map((o) => ({ value: o.id, label: o.name }));
  // The current choice stays selectable while the list loads.
  if (current && !list.some((o) => o.value === current)) list.unshift({ value: current, label: current });
  return [{ value: '', label: any }, ...list];
}

export function PluginForm({ plugin, scope, schemas, scopeOptions, submitLabel, cancelTo, onSubmit }: PluginFormProps) {
  const prepared = useMemo(() => new Map(schemas.map((s) => [s.name, { ...s, schema: prepareSchema(s.schema) }])), [schemas]);
  const form = useResourceForm({
    initialValues: () => toPluginValues(plugin, scope),
    fields: PLUGIN_FORM_FIELDS,
    schema: pluginCreateSchema,
    toPayload: (v) => toPluginPayload(v, v.name ? prepared.get(v.name)?.schema : undefined),
    onSubmit,
  });
  const { values, set } = form;
  const f = form.errors.fields;
  const info = values.name ? prepared.get(values.name) : undefined;
  const noConsumer = info ? info.auth || info.preAuth : false;

  const pickPlugin = (name: string) => {
    set('name')(name as PluginName);
    const next = prepared.get(name as PluginName);
    set('config')(next ? defaultConfig(next.schema as JsonSchema) : {});
  };

  return (
    <FormShell label={plugin ? `Edit plugin ${plugin.name}` : 'Add plugin'} form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <SelectField
        label="Plugin"
        name="name"
        value={values.name}
        onValueChange={pickPlugin}
        options={[...prepared.values()].map((s) => ({ value: s.name, label: s.auth ? `${s.name} (authentication)` : s.name }))}
        placeholder="Choose a plugin"
        error={f.name}
        required
        disabled={plugin !== undefined}
        hint={plugin ? 'A plugin instance keeps its kind; add another one instead.' : undefined}
      />
      <fieldset className="field">
        <legend className="field-label">Applies to</legend>
        <p className="field-hint">Leave all on “any” for a global plugin. The most specific enabled instance of a plugin wins.</p>
        <div className="form-row">
          <SelectField label="Service" name="service" value={values.service} onValueChange={set('service')} options={scopeChoices(scopeOptions?.services, values.service, 'Any service')} error={f.service} />
          <SelectField label="Route" name="route" value={values.route} onValueChange={set('route')} options={scopeChoices(scopeOptions?.routes, values.route, 'Any route')} error={f.route} />
          <SelectField
            label="Consumer"
            name="consumer"
            value={values.consumer}
            onValueChange={set('consumer')}
            options={scopeChoices(scopeOptions?.consumers, values.consumer, 'Any consumer')}
            disabled={noConsumer && values.consumer === ''}
            // Kept, not cleared, when opened from a consumer's page: the user sees why it cannot stay.
            error={f.consumer ?? (noConsumer && values.consumer !== '' ? `${values.name} runs before the consumer is known: set Consumer to “Any consumer”.` : undefined)}
            hint={noConsumer && values.consumer === '' ? 'Runs before the consumer is known: cannot be scoped to one.' : undefined}
          />
        </div>
      </fieldset>
      <CheckboxField label="Enabled" name="enabled" checked={values.enabled} onCheckedChange={set('enabled')} error={f.enabled} hint="A disabled instance is skipped; a less specific one applies." />
      {info ? (
        <fieldset className="field" data-testid="plugin-config">
          <legend className="field-label">Configuration</legend>
          <SchemaForm key={info.name} schema={info.schema} value={values.config} onChange={set('config')} errors={f} pathPrefix="config" />
        </fieldset>
      ) : null}
    </FormShell>
  );
}
