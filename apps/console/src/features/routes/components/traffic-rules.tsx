import { useState, type ComponentType } from 'react';
import { JsonTextField } from '../../../components/json-text-field';
import type { FieldErrors } from '../../../lib/form-errors';
import { useTenant } from '../../../lib/use-tenant';
import { useServiceOptions } from '../api/get-service-options';
import { FallbackEditor, PredicatesEditor, RedirectEditor, RewriteEditor, SplitEditor, StickyEditor, TransformEditor, type RuleEditorProps } from './traffic-rule-editors';
import { JSON_FIELDS, jsonFieldSchema, type JsonFieldName } from './route-form-values';

const HeaderPredicates = (p: RuleEditorProps) => <PredicatesEditor {...p} noun="Header" />;
const QueryPredicates = (p: RuleEditorProps) => <PredicatesEditor {...p} noun="Query parameter" />;

/** The form of each traffic rule; the JSON text stays the value (what is sent, and the alternative view). */
const EDITORS: Record<JsonFieldName, ComponentType<RuleEditorProps>> = {
  headers: HeaderPredicates,
  query: QueryPredicates,
  split: SplitEditor,
  sticky: StickyEditor,
  rewrite: RewriteEditor,
  redirect: RedirectEditor,
  fallback: FallbackEditor,
  requestHeaders: TransformEditor,
  responseHeaders: TransformEditor,
};

/** The JSON text as an object for the form; null when it is not a JSON object (then only the JSON view can edit it). */
function parsed(text: string): Record<string, unknown> | undefined | null {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface TrafficRulesProps {
  json: Record<JsonFieldName, string>;
  errors: FieldErrors;
  setJson: (name: JsonFieldName, text: string) => void;
}

/** Split, sticky, rewrite, redirect, fallback, predicates and header transforms: a form each, or its JSON. */
export function TrafficRules({ json, errors, setJson }: TrafficRulesProps) {
  const tenant = useTenant();
  const services = useServiceOptions(tenant);
  const serviceOptions = (services.data ?? []).map((s) => ({ value: s.name, label: s.name }));
  const [asJson, setAsJson] = useState<ReadonlySet<JsonFieldName>>(new Set());
  const toggle = (name: JsonFieldName) => setAsJson((prev) => new Set(prev.has(name) ? [...prev].filter((n) => n !== name) : [...prev, name]));
  return (
    <>
      <h3 className="section-heading">Traffic rules</h3>
      {JSON_FIELDS.map(({ name, label, example }) => {
        const value = parsed(json[name]);
        const Editor = EDITORS[name];
        const jsonView = asJson.has(name) || value === null;
        return (
          <section key={name} className="rule-card" data-testid={`rule-${name}`} aria-label={label}>
            <div className="rule-card-head">
              <h4 className="rule-card-title">{label}</h4>
              <label className="rule-json-switch">
                <input type="checkbox" checked={jsonView} disabled={value === null} onChange={() => toggle(name)} /> JSON
              </label>
            </div>
            {jsonView ? (
              <JsonTextField name={name} label={`${label} (JSON)`} value={json[name]} onValueChange={(text) => setJson(name, text)} schema={jsonFieldSchema(name)} errors={errors} example={example} />
            ) : (
              <Editor name={name} value={value ?? undefined} onChange={(v) => setJson(name, v === undefined ? '' : JSON.stringify(v, null, 2))} errors={errors} serviceOptions={serviceOptions} />
            )}
          </section>
        );
      })}
    </>
  );
}
