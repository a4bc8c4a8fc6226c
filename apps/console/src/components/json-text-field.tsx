import type { ZodType } from 'zod';
import { errorAt } from '../lib/form-values';
import type { FieldErrors } from '../lib/form-errors';
import { parseJsonField } from '../lib/json-field';
import { TextAreaField } from './field';

export interface JsonTextFieldProps {
  /** API path of the field: its errors are read at and under it. */
  name: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** The contract's schema of this field: problems show while typing, before any submit. */
  schema: ZodType;
  errors: FieldErrors;
  example?: string;
}

export function JsonTextField({ name, label, value, onValueChange, schema, errors, example }: JsonTextFieldProps) {
  const live = parseJsonField(value, schema, name).errors[0];
  const liveMessage = live ? (live.path === name ? live.message : `${live.path.slice(name.length + 1)}: ${live.message}`) : undefined;
  return (
    <TextAreaField
      label={label}
      name={name}
      value={value}
      onValueChange={onValueChange}
      error={errorAt(errors, name) ?? liveMessage}
      placeholder={example}
      hint={value.trim() === '' ? 'JSON; blank: not set.' : undefined}
      spellCheck={false}
      rows={Math.min(12, Math.max(3, value.split('\n').length))}
    />
  );
}
