import { useId } from 'react';
import type { FieldErrors } from '../../../lib/form-errors';
import { Button } from '../../../components/button';
import { FieldError } from '../../../components/field';

export interface TargetRow {
  target: string;
  weight: string;
}

export interface TargetsEditorProps {
  rows: TargetRow[];
  onChange: (rows: TargetRow[]) => void;
  errors: FieldErrors;
}

/** Editable `host:port` + weight table; errors come keyed `targets.<row>.target|weight` like the API's. */
export function TargetsEditor({ rows, onChange, errors }: TargetsEditorProps) {
  const id = useId();
  const update = (index: number, patch: Partial<TargetRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const groupError = errors.targets;

  return (
    <fieldset className={`field${groupError ? ' field-invalid' : ''}`}>
      <legend className="field-label">Targets</legend>
      <p className="field-hint">Weight 0 drains a target: no new requests, in-flight ones finish.</p>
      {rows.length === 0 ? (
        <p className="muted targets-empty">No targets: requests to this upstream will fail until you add one.</p>
      ) : (
        <table className="table table-compact targets-table" aria-label="Targets">
          <thead>
            <tr>
              <th scope="col">Target (host:port)</th>
              <th scope="col" className="col-weight">
                Weight
              </th>
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const targetError = errors[`targets.${i}.target`] ?? errors[`targets.${i}`];
              const weightError = errors[`targets.${i}.weight`];
              return (
                <tr key={i} data-testid={`target-row-${i}`}>
                  <td>
                    <input
                      className={`input${targetError ? ' input-invalid' : ''}`}
                      aria-label={`Target ${i + 1}`}
                      value={row.target}
                      placeholder="10.0.0.1:8080"
                      onChange={(e) => update(i, { target: e.target.value })}
                      aria-invalid={targetError ? true : undefined}
                      aria-describedby={targetError ? `${id}-target-${i}-error` : undefined}
                      spellCheck={false}
                    />
                    <FieldError id={`${id}-target-${i}-error`} message={targetError} testId={`field-error-targets.${i}.target`} />
                  </td>
                  <td className="col-weight">
                    <input
                      className={`input${weightError ? ' input-invalid' : ''}`}
                      aria-label={`Weight ${i + 1}`}
                      inputMode="numeric"
                      value={row.weight}
                      onChange={(e) => update(i, { weight: e.target.value })}
                      aria-invalid={weightError ? true : undefined}
                      aria-describedby={weightError ? `${id}-weight-${i}-error` : undefined}
                    />
                    <FieldError id={`${id}-weight-${i}-error`} message={weightError} testId={`field-error-targets.${i}.weight`} />
                  </td>
                  <td className="col-actions">
                    <Button size="sm" variant="ghost" aria-label={`Remove row ${i + 1} from Targets`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      ✕
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Button size="sm" variant="ghost" className="multi-add" onClick={() => onChange([...rows, { target: '', weight: '100' }])}>
        + Add target
      </Button>
      <FieldError id={`${id}-error`} message={groupError} testId="field-error-targets" />
    </fieldset>
  );
}
