import { ALGORITHMS, upstreamCreateSchema, type Algorithm, type Upstream, type UpstreamCreate } from '@aya/config-schema';
import { SelectField, TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';
import { TargetsEditor, type TargetRow } from './targets-editor';

interface UpstreamFormValues {
  name: string;
  algorithm: Algorithm;
  targets: TargetRow[];
}

const FIELDS = ['name', 'algorithm', 'targets'] as const;

/** Partial: an algorithm the contract adds before it gets a label here is offered under its id. */
const ALGORITHM_LABELS: Partial<Record<Algorithm, string>> = {
  'round-robin': 'Round robin',
  'weighted-round-robin': 'Weighted round robin',
  'least-connections': 'Least connections',
  'ip-hash': 'IP hash (sticky by client address)',
};

function toValues(upstream?: Upstream): UpstreamFormValues {
  return {
    name: upstream?.name ?? '',
    algorithm: upstream?.algorithm ?? 'round-robin',
    targets: upstream ? upstream.targets.map((t) => ({ target: t.target, weight: String(t.weight) })) : [{ target: '', weight: '100' }],
  };
}

/** Rows without a target are dropped first, on screen too, so `targets.<n>` in an error is the row on screen. */
function toPayload(values: UpstreamFormValues): { payload: UpstreamCreate; values: UpstreamFormValues } {
  const rows = values.targets
    .map((t) => ({ target: t.target.trim(), weight: t.weight.trim() }))
    .filter((t) => t.target !== '');
  return {
    values: { ...values, targets: rows },
    payload: {
      name: values.name.trim(),
      algorithm: values.algorithm,
      targets: rows.map((t) => ({ target: t.target, weight: t.weight === '' ? 100 : Number(t.weight) })),
    },
  };
}

export interface UpstreamFormProps extends FormBinding<UpstreamCreate> {
  upstream?: Upstream;
}

export function UpstreamForm({ upstream, submitLabel, cancelTo, onSubmit }: UpstreamFormProps) {
  const form = useResourceForm({ initialValues: () => toValues(upstream), fields: FIELDS, schema: upstreamCreateSchema, toPayload, onSubmit });
  const { values, set } = form;
  const f = form.errors.fields;
  return (
    <FormShell
      label={upstream ? `Edit upstream ${upstream.name}` : 'Create upstream'}
      form={form}
      submitLabel={submitLabel}
      cancelTo={cancelTo}
    >
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
        options={ALGORITHMS.map((a) => ({ value: a, label: ALGORITHM_LABELS[a] ?? a }))}
        error={f.algorithm}
      />
      <TargetsEditor rows={values.targets} onChange={set('targets')} errors={f} />
    </FormShell>
  );
}
