import { SERVICE_DEFAULTS, serviceCreateSchema, type Service, type ServiceCreate } from '@aya/config-schema';
import { TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';

interface ServiceFormValues {
  name: string;
  url: string;
  connectTimeoutMs: string;
  readTimeoutMs: string;
  retries: string;
}

const FIELDS = ['name', 'url', 'connectTimeoutMs', 'readTimeoutMs', 'retries'] as const;

/** Optional numbers: blank is left out so the server applies its default, which the placeholder shows. */
const NUMBER_FIELDS = [
  { name: 'connectTimeoutMs', label: 'Connect timeout (ms)' },
  { name: 'readTimeoutMs', label: 'Read timeout (ms)' },
  { name: 'retries', label: 'Retries' },
] as const;

function toValues(service?: Service): ServiceFormValues {
  return {
    name: service?.name ?? '',
    url: service?.url ?? '',
    connectTimeoutMs: service ? String(service.connectTimeoutMs) : '',
    readTimeoutMs: service ? String(service.readTimeoutMs) : '',
    retries: service ? String(service.retries) : '',
  };
}

function optionalNumber(raw: string): number | undefined {
  const v = raw.trim();
  return v === '' ? undefined : Number(v);
}

function toPayload(v: ServiceFormValues): { payload: ServiceCreate } {
  return {
    payload: {
      name: v.name.trim(),
      url: v.url.trim(),
      connectTimeoutMs: optionalNumber(v.connectTimeoutMs),
      readTimeoutMs: optionalNumber(v.readTimeoutMs),
      retries: optionalNumber(v.retries),
    },
  };
}

export interface ServiceFormProps extends FormBinding<ServiceCreate> {
  service?: Service;
}

export function ServiceForm({ service, submitLabel, cancelTo, onSubmit }: ServiceFormProps) {
  const form = useResourceForm({ initialValues: () => toValues(service), fields: FIELDS, schema: serviceCreateSchema, toPayload, onSubmit });
  const { values, set } = form;
  const f = form.errors.fields;
  return (
    <FormShell
      label={service ? `Edit service ${service.name}` : 'Create service'}
      form={form}
      submitLabel={submitLabel}
      cancelTo={cancelTo}
    >
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
        {NUMBER_FIELDS.map(({ name, label }) => (
          <TextField
            key={name}
            label={label}
            name={name}
            inputMode="numeric"
            value={values[name]}
            onValueChange={set(name)}
            error={f[name]}
            placeholder={String(SERVICE_DEFAULTS[name])}
          />
        ))}
      </div>
    </FormShell>
  );
}
