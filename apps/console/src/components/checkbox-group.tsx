import { useId, type ReactNode } from 'react';
import type { FieldErrors } from '../lib/form-errors';
import { FieldError } from './field';

export interface CheckboxGroupProps<T extends string> {
  name: string;
  label: string;
  options: ReadonlyArray<T>;
  values: T[];
  onChange: (values: T[]) => void;
  errors: FieldErrors;
  hint?: ReactNode;
}

export function CheckboxGroup<T extends string>({ name, label, options, values, onChange, errors, hint }: CheckboxGroupProps<T>) {
  const id = useId();
  // Errors on one element (`methods.2`) are shown with the group: the chips are too small to carry text.
  const message = errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
  const toggle = (option: T, on: boolean) =>
    onChange(on ? options.filter((o) => o === option || values.includes(o)) : values.filter((v) => v !== option));

  return (
    <fieldset className={`field${message ? ' field-invalid' : ''}`} aria-describedby={message ? `${id}-error` : undefined}>
      <legend className="field-label">{label}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="chips">
        {options.map((option) => {
          const optionId = `${id}-${option}`;
          const checked = values.includes(option);
          return (
            <span key={option} className={`chip${checked ? ' chip-on' : ''}`}>
              <input id={optionId} type="checkbox" checked={checked} onChange={(e) => toggle(option, e.target.checked)} />
              <label htmlFor={optionId}>{option}</label>
            </span>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} message={message} testId={`field-error-${name}`} />
    </fieldset>
  );
}
