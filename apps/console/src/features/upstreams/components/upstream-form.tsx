import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ALGORITHMS, upstreamCreateSchema, type Algorithm, type Upstream, type UpstreamCreate } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { issuesToDetails } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { TargetsEditor, type TargetRow } from './targets-editor';

interface UpstreamFormValues {
  name: string;
  algorithm: Algorithm;
  targets: TargetRow[];
}

const FIELDS = ['name', 'algorithm', 'targets'] as const;

const ALGORITHM_LABELS: Record<Algorithm, string> = {
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

export interface UpstreamFormProps {
  upstream?: Upstream;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (input: UpstreamCreate) => Promise<unknown>;
}

export function UpstreamForm({ upstream, submitLabel, cancelTo, onSubmit }: UpstreamFormProps) {
  const [values, setValues] = useState<UpstreamFormValues>(() => toValues(upstream));
  const [submitting, setSubmitting] = useState(false);
  const { errors, setDetails, setApiError, clearField, reset } = useFormErrors(FIELDS);

  const set =
    <K extends keyof UpstreamFormValues>(field: K) =>
    (value: UpstreamFormValues[K]) => {
      setValues((prev) => ({ ...prev, [field]: value }));
      clearField(field);
    };

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // Rows without a target are dropped first so `targets.<n>` in an error is the row on screen.
    const rows = values.targets
      .map((t) => ({ target: t.target.trim(), weight: t.weight.trim() }))
      .filter((t) => t.target !== '');
    setValues((prev) => ({ ...prev, targets: rows }));
    const payload: UpstreamCreate = {
      name: values.name.trim(),
      algorithm: values.algorithm,
      targets: rows.map((t) => ({ target: t.target, weight: t.weight === '' ? 100 : Number(t.weight) })),
    };
    const checked = upstreamCreateSchema.safeParse(payload);
    if (!checked.success) {
      setDetails(issuesToDetails(checked.error.issues));
      return;
    }
    reset();
    setSubmitting(true);
    try {
      await onSubmit(payload);
    } catch (err) {
      setApiError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const f = errors.fields;
  return (
    <form className="form card" onSubmit={handleSubmit} noValidate aria-label={upstream ? `Edit upstream ${upstream.name}` : 'Create upstream'}>
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
      <TargetsEditor rows={values.targets} onChange={set('targets')} errors={f} />
      <FormAlert message={errors.form} />
      <div className="form-actions">
        <Link to={cancelTo} className="btn btn-ghost">
          Cancel
        </Link>
        <Button type="submit" variant="primary" busy={submitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
