import { certificateCreateSchema, type CertificateCreate, type ErrorDetail } from '@aya/config-schema';
import { TextAreaField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import { MultiValueInput } from '../../../components/multi-value-input';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';
import { certificateInfo } from '../utils/pem-info';
import { PemFileInput } from './pem-file-input';

interface CertificateFormValues {
  snis: string[];
  cert: string;
  key: string;
}

const FIELDS = ['snis', 'cert', 'key'] as const;

export const SNI_NEEDS_KEY = 'A certificate served for SNIs needs its private key. Leave the SNIs empty for a CA bundle.';

export interface CertificateFormProps extends FormBinding<CertificateCreate> {
  /** Replacing a stored certificate: its SNIs and chain to start from, and whether it has a key (kept when none is given). */
  current?: { snis: string[]; cert: string; hasKey: boolean };
}

export function CertificateForm({ submitLabel, cancelTo, onSubmit, current }: CertificateFormProps) {
  const toPayload = (v: CertificateFormValues): { payload: CertificateCreate; values: CertificateFormValues; errors: ErrorDetail[] } => {
    const snis = v.snis.map((s) => s.trim()).filter(Boolean);
    const key = v.key.trim() === '' ? undefined : v.key.trim();
    // the control plane refuses it too (400 at key): without a key the HTTPS listener could never serve it
    const keyless = snis.length > 0 && key === undefined && !current?.hasKey;
    return {
      values: { ...v, snis },
      payload: { snis, cert: v.cert.trim(), key },
      errors: keyless ? [{ path: 'key', message: SNI_NEEDS_KEY }] : [],
    };
  };
  const form = useResourceForm({
    initialValues: () => ({ snis: current?.snis ?? [], cert: current?.cert ?? '', key: '' }),
    fields: FIELDS,
    schema: certificateCreateSchema,
    toPayload,
    onSubmit,
  });
  const { values, set } = form;
  const f = form.errors.fields;
  const info = values.cert.trim() ? certificateInfo(values.cert) : null;
  return (
    <FormShell label={current ? 'Replace certificate' : 'Create certificate'} form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <TextAreaField
        label="Certificate (PEM)"
        name="cert"
        value={values.cert}
        onValueChange={set('cert')}
        error={f.cert}
        required
        rows={8}
        spellCheck={false}
        placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
        hint={
          info ? (
            <>
              Reads as <strong>{info.commonName ?? 'no CN'}</strong>, valid until {info.notAfter.toLocaleDateString()}.
            </>
          ) : (
            'Leaf first, then intermediates.'
          )
        }
      />
      <PemFileInput label="Upload certificate file…" onLoad={set('cert')} />
      <TextAreaField
        label="Private key (PEM)"
        name="key"
        value={values.key}
        onValueChange={set('key')}
        error={f.key}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        placeholder={'-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----'}
        hint={
          current?.hasKey
            ? 'Stored encrypted and never shown. Leave blank to keep the stored key (a new certificate must match it).'
            : 'Stored encrypted and never shown again. Needed whenever SNIs are set; blank only for a CA bundle.'
        }
      />
      <PemFileInput label="Upload key file…" onLoad={set('key')} />
      <MultiValueInput
        name="snis"
        label="SNIs"
        itemLabel="SNI"
        values={values.snis}
        onChange={set('snis')}
        errors={f}
        placeholder="api.example.com or *.example.com"
        hint={
          info?.commonName && values.snis.length === 0
            ? `Hostnames served with this certificate, e.g. ${info.commonName}. None: usable only by id (client certificate, CA).`
            : 'Hostnames served with this certificate. None: usable only by id (client certificate, CA).'
        }
      />
    </FormShell>
  );
}
