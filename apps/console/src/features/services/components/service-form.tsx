import { SERVICE_DEFAULTS, SERVICE_PROTOCOLS, serviceCreateSchema, type Service } from '@aya/config-schema';
import { Disclosure } from '../../../components/disclosure';
import { CheckboxField, SelectField, TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { errorAt } from '../../../lib/form-values';
import { useResourceForm } from '../../../lib/use-resource-form';
import type { CertificateOption } from '../api/get-certificate-options';
import {
  SERVICE_ADVANCED_FIELDS,
  SERVICE_FORM_FIELDS,
  isUpstreamUrl,
  toServicePayload,
  toServiceValues,
  type ServiceFormValues,
  type ServiceInput,
} from './service-form-values';

/** Optional numbers: blank is left out so the server applies its default, which the placeholder shows. */
const NUMBER_FIELDS = [
  { name: 'connectTimeoutMs', label: 'Connect timeout (ms)' },
  { name: 'readTimeoutMs', label: 'Read timeout (ms)' },
  { name: 'retries', label: 'Retries' },
] as const;

export interface ServiceFormProps extends FormBinding<ServiceInput> {
  service?: Service;
  /** a new service's starting values (the URL the guide proposes) */
  preset?: Partial<ServiceFormValues>;
  certificates: CertificateOption[];
  certificatesState: 'loading' | 'ready' | 'unavailable';
}

function certificateChoices(certs: CertificateOption[], current: string, state: ServiceFormProps['certificatesState'], withKeyOnly: boolean) {
  const options = certs.filter((c) => !withKeyOnly || c.hasKey).map((c) => ({ value: c.id, label: c.label }));
  // The current choice stays selectable while the list loads or if the list cannot be read.
  if (current && !options.some((o) => o.value === current)) options.unshift({ value: current, label: current });
  const none = state === 'loading' ? 'Loading certificates…' : state === 'unavailable' ? 'None (certificates unavailable)' : 'None';
  return [{ value: '', label: none }, ...options];
}

export function ServiceForm({ service, preset, certificates, certificatesState, submitLabel, cancelTo, onSubmit }: ServiceFormProps) {
  const form = useResourceForm({
    initialValues: () => ({ ...toServiceValues(service), ...preset }),
    fields: SERVICE_FORM_FIELDS,
    schema: serviceCreateSchema,
    toPayload: toServicePayload,
    onSubmit,
  });
  const { values, set, clearError } = form;
  const f = form.errors.fields;
  const advancedError = SERVICE_ADVANCED_FIELDS.some((k) => errorAt(f, k));
  const setBudget = (key: keyof ServiceFormValues['retryBudget']) => (v: string) => {
    set('retryBudget')({ ...values.retryBudget, [key]: v });
    clearError(`retryBudget.${key}`);
  };
  const tlsRelevant = !/^(http|grpc):\/\//i.test(values.url.trim());

  return (
    <FormShell label={service ? `Edit service ${service.name}` : 'Create service'} form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
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
            <code>http(s)://host:port/path</code>, <code>grpc(s)://host:port</code> or <code>upstream://&lt;upstream name&gt;</code>
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
      <Disclosure title="Advanced" summary="timeouts, retry budget, protocol, upstream TLS" forceOpen={advancedError}>
        <div className="form-row">
          <TextField label="Send timeout (ms)" name="sendTimeoutMs" inputMode="numeric" value={values.sendTimeoutMs} onValueChange={set('sendTimeoutMs')} error={f.sendTimeoutMs} placeholder={String(SERVICE_DEFAULTS.sendTimeoutMs)} hint="Idle time allowed while writing the request body." />
          <TextField label="Total timeout (ms)" name="totalTimeoutMs" inputMode="numeric" value={values.totalTimeoutMs} onValueChange={set('totalTimeoutMs')} error={f.totalTimeoutMs} placeholder="no limit" hint="Whole request, every attempt included." />
        </div>
        <fieldset className="field">
          <legend className="field-label">Retry budget</legend>
          <p className="field-hint">Retries may be at most this share of the requests in the window, or the minimum, whichever is larger.</p>
          <div className="form-row">
            <TextField label="Retry ratio" name="retryBudget.ratio" inputMode="decimal" value={values.retryBudget.ratio} onValueChange={setBudget('ratio')} error={errorAt(f, 'retryBudget.ratio')} placeholder="0.2" />
            <TextField label="Window (ms)" name="retryBudget.windowMs" inputMode="numeric" value={values.retryBudget.windowMs} onValueChange={setBudget('windowMs')} error={errorAt(f, 'retryBudget.windowMs')} placeholder="10000" />
            <TextField label="Minimum retries" name="retryBudget.minRetries" inputMode="numeric" value={values.retryBudget.minRetries} onValueChange={setBudget('minRetries')} error={errorAt(f, 'retryBudget.minRetries')} placeholder="10" />
          </div>
        </fieldset>
        {isUpstreamUrl(values.url) ? (
          <SelectField
            label="Protocol"
            name="protocol"
            value={values.protocol}
            onValueChange={(v) => set('protocol')(v as ServiceFormValues['protocol'])}
            options={[{ value: '', label: 'HTTP (default)' }, ...SERVICE_PROTOCOLS.map((p) => ({ value: p, label: p }))]}
            error={f.protocol}
            hint="How the gateway talks to the upstream's targets."
          />
        ) : null}
        {tlsRelevant ? (
          <fieldset className="field">
            <legend className="field-label">Upstream TLS</legend>
            <CheckboxField
              label="Verify the upstream certificate"
              name="tlsVerify"
              checked={values.tlsVerify}
              onCheckedChange={set('tlsVerify')}
              error={f.tlsVerify}
              hint="Turn off only for self-signed test backends."
            />
            <div className="form-row">
              <TextField label="TLS server name (SNI)" name="tlsServerName" value={values.tlsServerName} onValueChange={set('tlsServerName')} error={f.tlsServerName} placeholder="the target host" spellCheck={false} />
              <SelectField
                label="Client certificate"
                name="clientCertificateId"
                value={values.clientCertificateId}
                onValueChange={set('clientCertificateId')}
                options={certificateChoices(certificates, values.clientCertificateId, certificatesState, true)}
                error={f.clientCertificateId}
                hint="Presented to the upstream (mTLS); only certificates with a key."
              />
              <SelectField
                label="Trusted CA"
                name="caCertificateId"
                value={values.caCertificateId}
                onValueChange={set('caCertificateId')}
                options={certificateChoices(certificates, values.caCertificateId, certificatesState, false)}
                error={f.caCertificateId}
                hint="Default: the system CAs."
              />
            </div>
          </fieldset>
        ) : null}
      </Disclosure>
    </FormShell>
  );
}
