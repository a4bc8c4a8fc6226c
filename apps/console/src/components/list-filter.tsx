import { useId } from 'react';

/** A filter of a searchable list: a select whose first option ("All …") clears it. */
export function ListFilter({ label, allLabel, value, options, onChange }: { label: string; allLabel: string; value: string; options: ReadonlyArray<{ value: string; label: string }>; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="list-filter">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
