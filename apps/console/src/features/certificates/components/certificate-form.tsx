import { certificateCreateSchema, type CertificateCreate } from '@aya/config-schema';
import { TextAreaField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import { MultiValueInput } from '../../../components/multi-value-input';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';
import { certificateInfo } from '../utils/pem-info';

interface CertificateFormValues {
  snis: string[];
  cert: string;
  key: string;
}

const FIELDS = ['snis', 'cert', 'key'] as const;

function toPayload(v: CertificateFormValues): { payload: CertificateCreate; values: CertificateFormValues } {
  const snis = v.snis.map((s) => s.trim()).filter(Boolean);
  return {
    values: { ...v, snis },
    payload: { snis, cert: v.cert.trim(), key: v.key.trim() === '' ? undefined : v.key.trim() },
  };
}

export function CertificateForm({ submitLabel, cancelTo, onSubmit }: FormBinding<CertificateCreate>) {
  const form = useResourceForm({ initialValues: () => ({ snis: [], cert: '', key: '' }), fields: FIELDS, schema: certificateCreateSchema, toPayload, onSubmit });
  const { values, set } = form;
  const f = form.errors.fields;
  const info = values.cert.trim() ? certificateInfo(values.cert) : null;
  return (
    <FormShell label="Create certificate" form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
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
        hint="Stored encrypted and never shown again. Leave blank only for a CA bundle."
      />
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
