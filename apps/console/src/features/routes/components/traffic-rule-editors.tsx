import { REDIRECT_STATUSES } from '@aya/config-schema';
import type { ReactNode } from 'react';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';

/** A rule's value as the JSON text holds it (an object), and the errors by API path (`split.services.0.weight`). */
export interface RuleEditorProps {
  name: string;
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown> | undefined) => void;
  errors: Readonly<Record<string, string>>;
  serviceOptions: ReadonlyArray<{ value: string; label: string }>;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** A number field's text as the contract wants it: a number when it reads as one, else the text (the schema then says what is wrong there). */
const num = (text: string): unknown => (text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
/** Drops undefined members, and the whole object when nothing is left. */
function compact(o: Obj): Obj | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(out).length === 0 ? undefined : out;
}

function Rows({ label, children, onAdd, addLabel }: { label: string; children: ReactNode; onAdd: () => void; addLabel: string }) {
  return (
    <fieldset className="field rule-rows">
      <legend className="field-label">{label}</legend>
      {children}
      <Button size="sm" variant="ghost" className="multi-add" onClick={onAdd}>
        + {addLabel}
      </Button>
    </fieldset>
  );
}

function RemoveRow({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <Button size="sm" variant="ghost" aria-label={label} onClick={onRemove}>
      ✕
    </Button>
  );
}

/** Weighted services, then optional header / cookie rules that pin a request to one of them. */
export function SplitEditor({ name, value, onChange, errors, serviceOptions }: RuleEditorProps) {
  const services = arr(value?.services);
  const match = arr(value?.match);
  const put = (patch: Obj) => onChange(compact({ ...value, ...patch }));
  const setService = (i: number, patch: Obj) => put({ services: services.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setRule = (i: number, rule: Obj) => put({ match: match.map((r, j) => (j === i ? rule : r)) });
  const options = [{ value: '', label: 'Choose a service' }, ...serviceOptions];
  return (
    <>
      <Rows label="Services and weights" addLabel="Add service" onAdd={() => put({ services: [...services, { service: '', weight: 1 }] })}>
        {services.map((s, i) => (
          <div className="form-row rule-row" key={i} data-testid={`${name}-service-${i}`}>
            <SelectField label={`Split service ${i + 1}`} name={`${name}.services.${i}.service`} value={str(s.service)} options={options} onValueChange={(service) => setService(i, { service })} error={errors[`${name}.services.${i}.service`]} />
            <TextField label={`Split weight ${i + 1}`} name={`${name}.services.${i}.weight`} inputMode="numeric" value={str(s.weight)} onValueChange={(w) => setService(i, { weight: num(w) })} error={errors[`${name}.services.${i}.weight`]} />
            <RemoveRow label={`Remove row ${i + 1} from Split services`} onRemove={() => put({ services: services.filter((_, j) => j !== i) })} />
          </div>
        ))}
      </Rows>
      <Rows label="Pinning rules (checked first, in order)" addLabel="Add rule" onAdd={() => put({ match: [...match, { header: '', value: '', service: '' }] })}>
        {match.map((r, i) => {
          const by = 'cookie' in r ? 'cookie' : 'header';
          const p = `${name}.match.${i}`;
          return (
            <div className="form-row rule-row" key={i}>
              <SelectField
                label={`Rule ${i + 1} matches`}
                name={`${p}.by`}
                value={by}
                options={[
                  { value: 'header', label: 'Header' },
                  { value: 'cookie', label: 'Cookie' },
                ]}
                onValueChange={(next) => setRule(i, { [next]: str(r[by]), value: r.value, service: r.service })}
              />
              <TextField label={`Rule ${i + 1} name`} name={`${p}.${by}`} value={str(r[by])} onValueChange={(v) => setRule(i, { ...r, [by]: v })} error={errors[`${p}.${by}`]} />
              <TextField label={`Rule ${i + 1} value`} name={`${p}.value`} value={str(r.value)} onValueChange={(v) => setRule(i, { ...r, value: v })} error={errors[`${p}.value`]} />
              <SelectField label={`Rule ${i + 1} service`} name={`${p}.service`} value={str(r.service)} options={options} onValueChange={(service) => setRule(i, { ...r, service })} error={errors[`${p}.service`]} />
              <RemoveRow label={`Remove row ${i + 1} from Pinning rules`} onRemove={() => put({ match: match.filter((_, j) => j !== i) })} />
            </div>
          );
        })}
      </Rows>
    </>
  );
}

/** Text fields of a flat object: each one a member (blank: left out). */
function FlatEditor({ name, value, onChange, errors, fields }: Omit<RuleEditorProps, 'serviceOptions'> & { fields: ReadonlyArray<{ key: string; label: string; placeholder?: string; numeric?: boolean; hint?: string }> }) {
  return (
    <div className="form-row">
      {fields.map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          name={`${name}.${f.key}`}
          value={str(value?.[f.key])}
          placeholder={f.placeholder}
          hint={f.hint}
          inputMode={f.numeric ? 'numeric' : undefined}
          spellCheck={false}
          onValueChange={(text) => onChange(compact({ ...value, [f.key]: f.numeric ? num(text) : text === '' ? undefined : text }))}
          error={errors[`${name}.${f.key}`]}
        />
      ))}
    </div>
  );
}

export function StickyEditor(props: RuleEditorProps) {
  return (
    <FlatEditor
      {...props}
      fields={[
        { key: 'cookie', label: 'Cookie name', placeholder: 'aya_sticky' },
        { key: 'ttlSeconds', label: 'Lifetime (seconds)', placeholder: 'session', numeric: true, hint: 'Blank: a session cookie.' },
      ]}
    />
  );
}

export function RewriteEditor(props: RuleEditorProps) {
  return (
    <FlatEditor
      {...props}
      fields={[
        { key: 'regex', label: 'Rewrite pattern', placeholder: '^/old/(.*)$', hint: 'A regular expression on the upstream path (after Strip path).' },
        { key: 'replacement', label: 'Rewrite to', placeholder: '/new/$1', hint: '$1, $name: the captures.' },
      ]}
    />
  );
}

export function RedirectEditor({ name, value, onChange, errors }: RuleEditorProps) {
  const put = (patch: Obj) => onChange(compact({ ...value, ...patch }));
  return (
    <div className="form-row">
      <SelectField
        label="Redirect status"
        name={`${name}.status`}
        value={str(value?.status)}
        options={[{ value: '', label: 'No redirect' }, ...REDIRECT_STATUSES.map((s) => ({ value: String(s), label: String(s) }))]}
        onValueChange={(s) => put({ status: num(s) })}
        error={errors[`${name}.status`]}
      />
      <TextField label="Redirect to" name={`${name}.location`} value={str(value?.location)} placeholder="https://example.com/$1" onValueChange={(location) => put({ location: location || undefined })} error={errors[`${name}.location`]} />
    </div>
  );
}

/** Another service, or a fixed response: one of the two. */
export function FallbackEditor({ name, value, onChange, errors, serviceOptions }: RuleEditorProps) {
  const mode = value?.response !== undefined ? 'response' : value?.service !== undefined ? 'service' : '';
  const response = (value?.response ?? {}) as Obj;
  const putResponse = (patch: Obj) => onChange({ response: compact({ ...response, ...patch }) ?? {} });
  return (
    <>
      <SelectField
        label="Fallback"
        name={`${name}.mode`}
        value={mode}
        options={[
          { value: '', label: 'None' },
          { value: 'service', label: 'Another service' },
          { value: 'response', label: 'A fixed response' },
        ]}
        onValueChange={(m) => onChange(m === 'service' ? { service: '' } : m === 'response' ? { response: { status: 503 } } : undefined)}
        error={errors[name]}
      />
      {mode === 'service' ? (
        <SelectField label="Fallback service" name={`${name}.service`} value={str(value?.service)} options={[{ value: '', label: 'Choose a service' }, ...serviceOptions]} onValueChange={(service) => onChange({ service })} error={errors[`${name}.service`]} />
      ) : null}
      {mode === 'response' ? (
        <div className="form-row">
          <TextField label="Fallback status" name={`${name}.response.status`} inputMode="numeric" value={str(response.status)} onValueChange={(s) => putResponse({ status: num(s) })} error={errors[`${name}.response.status`]} />
          <TextField label="Fallback body" name={`${name}.response.body`} value={str(response.body)} onValueChange={(body) => putResponse({ body: body || undefined })} error={errors[`${name}.response.body`]} />
          <TextField label="Fallback content type" name={`${name}.response.contentType`} value={str(response.contentType)} placeholder="application/json" onValueChange={(c) => putResponse({ contentType: c || undefined })} error={errors[`${name}.response.contentType`]} />
        </div>
      ) : null}
    </>
  );
}

/** `{ name: true | [values] }` as rows: a name, "present" or "one of", the values comma-separated. */
export function PredicatesEditor({ name, value, onChange, errors, noun }: RuleEditorProps & { noun: string }) {
  const rows = Object.entries(value ?? {});
  const rebuild = (next: Array<[string, unknown]>) => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  const setRow = (i: number, row: [string, unknown]) => rebuild(rows.map((r, j) => (j === i ? row : r)));
  return (
    <Rows label={`${noun} predicates (all must match)`} addLabel={`Add ${noun.toLowerCase()}`} onAdd={() => !rows.some(([k]) => k === '') && rebuild([...rows, ['', true]])}>
      {rows.map(([key, match], i) => (
        <div className="form-row rule-row" key={i}>
          <TextField label={`${noun} ${i + 1}`} name={`${name}.${i}.name`} value={key} spellCheck={false} onValueChange={(k) => setRow(i, [k, match])} error={errors[`${name}.${key}`]} />
          <SelectField
            label={`${noun} ${i + 1} must be`}
            name={`${name}.${i}.mode`}
            value={match === true ? 'present' : 'one-of'}
            options={[
              { value: 'present', label: 'present (any value)' },
              { value: 'one-of', label: 'one of' },
            ]}
            onValueChange={(m) => setRow(i, [key, m === 'present' ? true : ['']])}
          />
          {match === true ? null : (
            <TextField
              label={`${noun} ${i + 1} values`}
              name={`${name}.${i}.values`}
              value={Array.isArray(match) ? match.join(', ') : ''}
              hint="Comma-separated, exact."
              onValueChange={(text) => setRow(i, [key, text.split(',').map((v) => v.trim())])}
              error={errors[`${name}.${key}`]}
            />
          )}
          <RemoveRow label={`Remove row ${i + 1} from ${noun} predicates`} onRemove={() => rebuild(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
    </Rows>
  );
}

const OPS = ['set', 'add', 'remove', 'rename'] as const;
type Op = (typeof OPS)[number];
interface TransformRow {
  op: Op;
  header: string;
  arg: string;
}
const OP_LABELS: Record<Op, string> = { set: 'set (replace)', add: 'add (append)', remove: 'remove', rename: 'rename to' };

/** `{ set: {h: v}, add: {…}, remove: [h], rename: {from: to} }` as rows of (operation, header, value). */
export function TransformEditor({ name, value, onChange, errors }: RuleEditorProps) {
  const rows = OPS.flatMap((op): TransformRow[] => {
    const part = value?.[op];
    if (op === 'remove') return (Array.isArray(part) ? part : []).map((h) => ({ op, header: String(h), arg: '' }));
    return Object.entries((part ?? {}) as Record<string, unknown>).map(([header, arg]) => ({ op, header, arg: str(arg) }));
  });
  const rebuild = (next: TransformRow[]) => {
    const out: Obj = {};
    for (const r of next) {
      if (r.op === 'remove') out.remove = [...((out.remove as string[] | undefined) ?? []), r.header];
      else out[r.op] = { ...((out[r.op] as Obj | undefined) ?? {}), [r.header]: r.arg };
    }
    onChange(compact(out));
  };
  const setRow = (i: number, patch: Partial<TransformRow>) => rebuild(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const pathOf = (r: TransformRow) => (r.op === 'remove' ? `${name}.remove` : `${name}.${r.op}.${r.header}`);
  return (
    <Rows label="Header changes (rename, remove, set, add: in that order)" addLabel="Add header change" onAdd={() => !rows.some((r) => r.header === '' && r.op === 'set') && rebuild([...rows, { op: 'set', header: '', arg: '' }])}>
      {rows.map((r, i) => (
        <div className="form-row rule-row" key={i}>
          <SelectField label={`Change ${i + 1}`} name={`${name}.${i}.op`} value={r.op} options={OPS.map((op) => ({ value: op, label: OP_LABELS[op] }))} onValueChange={(op) => setRow(i, { op: op as Op })} />
          <TextField label={`Change ${i + 1} header`} name={`${name}.${i}.header`} value={r.header} spellCheck={false} onValueChange={(header) => setRow(i, { header })} error={errors[pathOf(r)] ?? errors[`${name}.${r.op}`]} />
          {r.op === 'remove' ? null : (
            <TextField label={`Change ${i + 1} ${r.op === 'rename' ? 'new name' : 'value'}`} name={`${name}.${i}.arg`} value={r.arg} onValueChange={(arg) => setRow(i, { arg })} />
          )}
          <RemoveRow label={`Remove row ${i + 1} from Header changes`} onRemove={() => rebuild(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
    </Rows>
  );
}
