import { ALGORITHMS, upstreamCreateSchema, type Algorithm, type Upstream, type UpstreamCreate } from '@aya/config-schema';
import { ALGORITHM_LABELS } from './algorithm-labels';
import { SelectField, TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { errorAt } from '../../../lib/form-values';
import { useResourceForm } from '../../../lib/use-resource-form';
import { ActiveHealthCheckSection, CircuitBreakerSection, PassiveHealthCheckSection } from './health-check-sections';
import { TargetsEditor } from './targets-editor';
import { HASH_ON_WITH_NAME, UPSTREAM_FORM_FIELDS, toUpstreamPayload, toUpstreamValues, type HashOnType, type UpstreamFormValues } from './upstream-form-values';

const HASH_ON_OPTIONS: ReadonlyArray<{ value: HashOnType; label: string }> = [
  { value: 'ip', label: 'Client IP' },
  { value: 'header', label: 'Request header' },
  { value: 'cookie', label: 'Cookie' },
  { value: 'query', label: 'Query parameter' },
  { value: 'path', label: 'Request path' },
];

export interface UpstreamFormProps extends FormBinding<UpstreamCreate> {
  upstream?: Upstream;
}

export function UpstreamForm({ upstream, submitLabel, cancelTo, onSubmit }: UpstreamFormProps) {
  const form = useResourceForm({
    initialValues: () => toUpstreamValues(upstream),
    fields: UPSTREAM_FORM_FIELDS,
    schema: upstreamCreateSchema,
    toPayload: toUpstreamPayload,
    onSubmit,
  });
  const { values, set, clearError } = form;
  const f = form.errors.fields;

  /** Updates part of a nested group and clears the errors of the paths it touched. */
  const patch =
    <K extends 'active' | 'passive' | 'breaker' | 'hashOn'>(key: K, apiPath: string) =>
    (changes: Partial<UpstreamFormValues[K]>) => {
      set(key)({ ...values[key], ...changes });
      for (const k of Object.keys(changes)) clearError(`${apiPath}.${k}`);
      if ('enabled' in changes) clearError(apiPath);
    };

  return (
    <FormShell label={upstream ? `Edit upstream ${upstream.name}` : 'Create upstream'} form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <TextField
        label="Name"
        name="name"
        value={values.name}
        onValueChange={set('name')}
        error={f.name}
        required
        autoComplete="off"
        placeholder="orders-pool"
        hint={
          <>
            Services use it as <code>upstream://{values.name.trim() || '<name>'}</code>
          </>
        }
      />
      <SelectField
        label="Algorithm"
        name="algorithm"
        value={values.algorithm}
        onValueChange={(v) => set('algorithm')(v as Algorithm)}
        options={ALGORITHMS.map((a) => ({ value: a, label: ALGORITHM_LABELS[a] }))}
        error={f.algorithm}
      />
      {values.algorithm === 'consistent-hash' ? (
        <div className="form-row">
          <SelectField
            label="Hash on"
            name="hashOn.type"
            value={values.hashOn.type}
            onValueChange={(v) => patch('hashOn', 'hashOn')({ type: v as HashOnType })}
            options={HASH_ON_OPTIONS}
            error={errorAt(f, 'hashOn.type') ?? f.hashOn}
            hint="Requests without the value fall back to the client IP."
          />
          {HASH_ON_WITH_NAME.includes(values.hashOn.type) ? (
            <TextField
              label={`${HASH_ON_OPTIONS.find((o) => o.value === values.hashOn.type)?.label ?? 'Key'} name`}
              name="hashOn.name"
              value={values.hashOn.name}
              onValueChange={(name) => patch('hashOn', 'hashOn')({ name })}
              error={f['hashOn.name']}
              placeholder={values.hashOn.type === 'cookie' ? 'session' : values.hashOn.type === 'query' ? 'user' : 'x-user-id'}
              spellCheck={false}
              required
            />
          ) : null}
        </div>
      ) : null}
      <TargetsEditor rows={values.targets} onChange={set('targets')} errors={f} />
      <div className="section-stack">
        <h2 className="section-heading">Health and resilience</h2>
        <ActiveHealthCheckSection value={values.active} onChange={patch('active', 'healthChecks.active')} errors={f} />
        <PassiveHealthCheckSection value={values.passive} onChange={patch('passive', 'healthChecks.passive')} errors={f} />
        <CircuitBreakerSection value={values.breaker} onChange={patch('breaker', 'circuitBreaker')} errors={f} />
      </div>
    </FormShell>
  );
}
