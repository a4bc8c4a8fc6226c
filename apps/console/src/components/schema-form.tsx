import { useId, useMemo, useState } from 'react';
import Form from '@rjsf/core';
import type {
  ErrorSchema,
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  FieldErrorProps,
  FieldProps,
  FieldTemplateProps,
  IconButtonProps,
  RJSFSchema,
  RegistryFieldsType,
  TemplatesType,
  TitleFieldProps,
} from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { FieldErrors } from '../lib/form-errors';
import { fieldErrorsToErrorTree, uiSchemaFor, type JsonSchema } from '../lib/json-schema-form';

/**
 * One renderer for every config described by a JSON Schema (plugin configs today): @rjsf/core with the
 * console's look. Values, validation and errors stay with the caller's form: this component never submits,
 * and shows at each field the errors the caller holds under `pathPrefix` (client ajv checks and the
 * server's `details`, one road, see lib/json-schema-form.ts).
 */
export interface SchemaFormProps {
  /** A schema passed through `prepareSchema`. */
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** The enclosing form's field errors; those at and under `pathPrefix` are shown here. */
  errors: FieldErrors;
  /** The API path of this object in the request body (`config`): error paths and test ids start with it. */
  pathPrefix: string;
}

interface SchemaFormContext {
  pathPrefix: string;
}

const JSON_FIELD = 'json';

function apiPath(prefix: string, path: ReadonlyArray<string | number>): string {
  return [prefix, ...path.map(String)].join('.');
}

function FieldErrorTemplate({ errors = [], fieldPathId, registry }: FieldErrorProps) {
  const shown = errors.filter(Boolean);
  if (shown.length === 0) return null;
  const { pathPrefix } = registry.formContext as SchemaFormContext;
  return (
    <p id={`${fieldPathId.$id}__error`} className="field-error" data-testid={`field-error-${apiPath(pathPrefix, fieldPathId.path)}`}>
      {shown.map((e, i) => (
        <span key={i}>{e}</span>
      ))}
    </p>
  );
}

/** rjsf titles array items `Key names-1`; the row's position is visible, so screen readers get `Key names 1` and eyes nothing. */
const ITEM_TITLE = /-(\d+)$/;
const isItemTitle = (title: string | undefined) => title !== undefined && ITEM_TITLE.test(title);

function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  if (isItemTitle(title)) {
    return (
      <legend id={id} className="visually-hidden">
        {title.replace(ITEM_TITLE, ' $1')}
      </legend>
    );
  }
  return (
    <legend id={id} className="field-label">
      {title}
      {required ? <span className="field-required" aria-hidden="true"> *</span> : null}
    </legend>
  );
}

function FieldTemplate({ id, label, children, errors, description, hidden, required, displayLabel, rawErrors }: FieldTemplateProps) {
  if (hidden) return <div hidden>{children}</div>;
  const item = isItemTitle(label);
  return (
    <div className={`field${rawErrors?.length ? ' field-invalid' : ''}`}>
      {displayLabel && label ? (
        <label htmlFor={id} className={item ? 'visually-hidden' : 'field-label'}>
          {item ? label.replace(ITEM_TITLE, ' $1') : label}
          {required && !item ? (
            <span className="field-required" aria-hidden="true">
              {' '}
              *
            </span>
          ) : null}
        </label>
      ) : null}
      {displayLabel && description ? <div className="field-hint">{description}</div> : null}
      {children}
      {errors}
    </div>
  );
}

function ArrayFieldTemplate({ canAdd, disabled, readonly, fieldPathId, items, onAddClick, title, required, rawErrors, registry, errorSchema }: ArrayFieldTemplateProps) {
  const { FieldErrorTemplate: Errors } = registry.templates;
  return (
    <fieldset className={`field schema-array${rawErrors?.length ? ' field-invalid' : ''}`} id={fieldPathId.$id}>
      <legend className="field-label">
        {title}
        {required ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </legend>
      <div className="schema-array-items">{items}</div>
      {canAdd ? (
        <button type="button" className="btn btn-ghost btn-sm multi-add" onClick={onAddClick} disabled={disabled || readonly} aria-label={`Add to ${title}`}>
          + Add
        </button>
      ) : null}
      <Errors errors={errorSchema?.__errors} fieldPathId={fieldPathId} registry={registry} schema={{}} />
    </fieldset>
  );
}

function ArrayFieldItemTemplate({ children, buttonsProps, hasToolbar, index }: ArrayFieldItemTemplateProps) {
  return (
    <div className="schema-array-item">
      <div className="schema-array-item-body">{children}</div>
      {hasToolbar && buttonsProps.hasRemove ? (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label={`Remove item ${index + 1}`}
          disabled={buttonsProps.disabled || buttonsProps.readonly}
          onClick={buttonsProps.onRemoveItem}
        >
          ✕
        </button>
      ) : null}
    </div>
  );
}

/** Arrays get their own add / remove buttons above; the icon buttons of the bootstrap theme are not used. */
function NoButton(_props: IconButtonProps) {
  return null;
}

/** A free-form object (a JSON Schema inside a config): edited as JSON text, parsed as the user types. */
function JsonObjectField({ formData, onChange, fieldPathId, schema, required, rawErrors, registry }: FieldProps) {
  const [text, setText] = useState(() => (formData === undefined ? '' : JSON.stringify(formData, null, 2)));
  const [parseError, setParseError] = useState<string | null>(null);
  const id = useId();
  const { FieldErrorTemplate: Errors } = registry.templates;
  const title = typeof schema.title === 'string' ? schema.title : fieldPathId.path.join('.');

  const update = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setParseError(null);
      onChange(undefined, fieldPathId.path);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('must be a JSON object');
      setParseError(null);
      onChange(parsed, fieldPathId.path);
    } catch (err) {
      setParseError(err instanceof SyntaxError ? 'not valid JSON' : (err as Error).message);
      onChange(undefined, fieldPathId.path);
    }
  };

  return (
    <div className={`field${parseError || rawErrors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {title}
        {required ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </label>
      <textarea id={id} className="input textarea" value={text} spellCheck={false} onChange={(e) => update(e.target.value)} aria-invalid={parseError ? true : undefined} />
      <p className="field-hint">JSON object</p>
      <Errors errors={parseError ? [parseError, ...(rawErrors ?? [])] : rawErrors} fieldPathId={fieldPathId} registry={registry} schema={schema} />
    </div>
  );
}

const TEMPLATES: Partial<TemplatesType> = {
  FieldTemplate,
  FieldErrorTemplate,
  TitleFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ButtonTemplates: { SubmitButton: () => null, AddButton: NoButton, CopyButton: NoButton, MoveDownButton: NoButton, MoveUpButton: NoButton, RemoveButton: NoButton, ClearButton: NoButton },
};
const FIELDS: RegistryFieldsType = { [JSON_FIELD]: JsonObjectField };

export function SchemaForm({ schema, value, onChange, errors, pathPrefix }: SchemaFormProps) {
  const uiSchema = useMemo(() => ({ ...uiSchemaFor(schema, JSON_FIELD), 'ui:submitButtonOptions': { norender: true } }), [schema]);
  // Same shape as rjsf's ErrorSchema (`__errors` leaves under property keys and array indexes).
  const extraErrors = useMemo(() => fieldErrorsToErrorTree(errors, pathPrefix) as ErrorSchema, [errors, pathPrefix]);
  const formContext = useMemo<SchemaFormContext>(() => ({ pathPrefix }), [pathPrefix]);
  return (
    <div className="schema-form">
      <Form
        tagName="div"
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={value}
        validator={validator}
        templates={TEMPLATES}
        fields={FIELDS}
        formContext={formContext}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        idPrefix={pathPrefix}
        onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)}
      />
    </div>
  );
}
