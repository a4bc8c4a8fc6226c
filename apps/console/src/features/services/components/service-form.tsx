import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { SERVICE_DEFAULTS, serviceCreateSchema, type Service, type ServiceCreate } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { issuesToDetails } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';

interface ServiceFormValues {
  name: string;
  url: string;
  connectTimeoutMs: string;
  readTimeoutMs: string;
  retries: string;
}

const FIELDS = ['name', 'url', 'connectTimeoutMs', 'readTimeoutMs', 'retries'] as const;

function toValues(service?: Service): ServiceFormValues {
  return {
    name: service?.name ?? '',
    url: service?.url ?? '',
    connectTimeoutMs: service ? String(service.connectTimeoutMs) : '',
    readTimeoutMs: service ? String(service.readTimeoutMs) : '',
    retries: service ? String(service.retries) : '',
  };
}

/** Blank optional numbers are left out so the server applies its defaults. */
function optionalNumber(raw: string): number | undefined {
  const v = raw.trim();
  return v === '' ? undefined : Number(v);
}

function toPayload(v: ServiceFormValues): ServiceCreate {
  return {
    name: v.name.trim(),
    url: v.url.trim(),
    connectTimeoutMs: optionalNumber(v.connectTimeoutMs),
    readTimeoutMs: optionalNumber(v.readTimeoutMs),
    retries: optionalNumber(v.retries),
  };
}

export interface ServiceFormProps {
  service?: Service;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (input: ServiceCreate) => Promise<unknown>;
}

export function ServiceForm({ service, submitLabel, cancelTo, onSubmit }: ServiceFormProps) {
  const [values, setValues] = useState<ServiceFormValues>(() => toValues(service));
  const [submitting, setSubmitting] = useState(false);
  const { errors, setDetails, setApiError, clearField, reset } = useFormErrors(FIELDS);

  const set = (field: keyof ServiceFormValues) => (value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    clearField(field);
  };

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const payload = toPayload(values);
    const checked = serviceCreateSchema.safeParse(payload);
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
    <form className="form card" onSubmit={handleSubmit} noValidate aria-label={service ? `Edit service ${service.name}` : 'Create service'}>
      <TextField label="Name" name="name" value={values.name} onValueChange={set('name')} error={f.name} required autoComplete="off" placeholder="orders" />
      <TextField
        label="URL"
        name="url"
        value={values.url}
        onValueChange={set('url')}
        error={f.url}
        required
        autoComplete="off"
        spellCheck={false}
        placeholder="http://orders.internal:8080/v1"
        hint={
          <>
            <code>http(s)://host:port/path</code> or <code>upstream://&lt;upstream name&gt;</code>
          </>
        }
      />
      <div className="form-row">
        <TextField
          label="Connect timeout (ms)"
          name="connectTimeoutMs"
          inputMode="numeric"
          value={values.connectTimeoutMs}
          onValueChange={set('connectTimeoutMs')}
          error={f.connectTimeoutMs}
          placeholder={String(SERVICE_DEFAULTS.connectTimeoutMs)}
        />
        <TextField
          label="Read timeout (ms)"
          name="readTimeoutMs"
          inputMode="numeric"
          value={values.readTimeoutMs}
          onValueChange={set('readTimeoutMs')}
          error={f.readTimeoutMs}
          placeholder={String(SERVICE_DEFAULTS.readTimeoutMs)}
        />
        <TextField
          label="Retries"
          name="retries"
          inputMode="numeric"
          value={values.retries}
          onValueChange={set('retries')}
          error={f.retries}
          placeholder={String(SERVICE_DEFAULTS.retries)}
        />
      </div>
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
