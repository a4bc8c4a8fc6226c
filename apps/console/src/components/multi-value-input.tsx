import { useId, type ReactNode } from 'react';
import type { FieldErrors } from '../lib/form-errors';
import { Button } from './button';
import { FieldError } from './field';

export interface MultiValueInputProps {
  /** Field path root, e.g. `paths`; item errors are read from `paths.0`, `paths.1`... */
  name: string;
  label: string;
  /** Accessible name of one row: "Path" gives "Path 1", "Path 2"... */
  itemLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  errors: FieldErrors;
  placeholder?: string;
  hint?: ReactNode;
  required?: boolean;
}

/**
 * One text input per value. An empty list still shows one blank row so there is somewhere to type;
 * that row is index 0, so server errors at `paths.0` still land on it.
 */
export function MultiValueInput({ name, label, itemLabel, values, onChange, errors, placeholder, hint, required }: MultiValueInputProps) {
  const id = useId();
  const rows = values.length === 0 ? [''] : values;
  const groupError = errors[name];

  const update = (index: number, value: string) => {
    const next = [...rows];
    next[index] = value;
    onChange(next.length === 1 && next[0] === '' ? [] : next);
  };
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const add = () => onChange([...rows, '']);

  return (
    <fieldset className={`field multi${groupError ? ' field-invalid' : ''}`} aria-describedby={groupError ? `${id}-error` : undefined}>
      <legend className="field-label">
        {label}
        {required ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <ul className="multi-rows">
        {rows.map((value, i) => {
          const itemError = errors[`${name}.${i}`];
          const itemId = `${id}-${i}`;
          return (
            <li key={i} className="multi-row">
              <div className="multi-row-line">
                <input
                  id={itemId}
                  className={`input${itemError ? ' input-invalid' : ''}`}
                  aria-label={`${itemLabel} ${i + 1}`}
                  value={value}
                  placeholder={placeholder}
                  onChange={(e) => update(i, e.target.value)}
                  onKeyDown={(e) => {
                    // Enter adds a row instead of submitting a half-filled form.
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      if (value.trim()) add();
                    }
                  }}
                  aria-invalid={itemError ? true : undefined}
                  aria-describedby={itemError ? `${itemId}-error` : undefined}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove entry ${i + 1} from ${label}`}
                  onClick={() => remove(i)}
                  disabled={rows.length === 1 && value === ''}
                >
                  ✕
                </Button>
              </div>
              <FieldError id={`${itemId}-error`} message={itemError} testId={`field-error-${name}.${i}`} />
            </li>
          );
        })}
      </ul>
      <Button size="sm" variant="ghost" className="multi-add" onClick={add}>
        + Add {itemLabel.toLowerCase()}
      </Button>
      <FieldError id={`${id}-error`} message={groupError} testId={`field-error-${name}`} />
    </fieldset>
  );
}
