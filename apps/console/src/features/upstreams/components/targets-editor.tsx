import { useId, type InputHTMLAttributes } from 'react';
import type { FieldErrors } from '../../../lib/form-errors';
import { Button } from '../../../components/button';
import { DataTable, type Column } from '../../../components/data-table';
import { FieldError } from '../../../components/field';
import { targetWarnings } from './target-warnings';

export interface TargetRow {
  target: string;
  weight: string;
}

export interface TargetsEditorProps {
  rows: TargetRow[];
  onChange: (rows: TargetRow[]) => void;
  errors: FieldErrors;
}

interface CellInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  errorId: string;
  error?: string;
  errorTestId: string;
  onValueChange: (value: string) => void;
}

/** A table cell's input with its own error line under it. */
function CellInput({ errorId, error, errorTestId, onValueChange, ...rest }: CellInputProps) {
  return (
    <>
      <input
        className={`input${error ? ' input-invalid' : ''}`}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...rest}
      />
      <FieldError id={errorId} message={error} testId={errorTestId} />
    </>
  );
}

function TargetWarning({ message, testId }: { message?: string; testId: string }) {
  if (!message) return null;
  return (
    <p className="field-warning" role="status" data-testid={testId}>
      {message}
    </p>
  );
}

/** Editable `host:port` + weight table; errors come keyed `targets.<row>.target|weight` like the API's. */
export function TargetsEditor({ rows, onChange, errors }: TargetsEditorProps) {
  const id = useId();
  const update = (index: number, patch: Partial<TargetRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const groupError = errors.targets;
  // live, before any submit: what the API would accept but is almost surely a mistake
  const warnings = targetWarnings(rows);

  const columns: ReadonlyArray<Column<TargetRow>> = [
    {
      header: 'Target (host:port)',
      cell: (row, i) => (
        <>
          <CellInput
            aria-label={`Target ${i + 1}`}
            value={row.target}
            placeholder="10.0.0.1:8080"
            onValueChange={(target) => update(i, { target })}
            error={errors[`targets.${i}.target`] ?? errors[`targets.${i}`]}
            errorId={`${id}-target-${i}-error`}
            errorTestId={`field-error-targets.${i}.target`}
            spellCheck={false}
          />
          <TargetWarning message={errors[`targets.${i}.target`] ? undefined : warnings.rows[i]} testId={`field-warning-targets.${i}.target`} />
        </>
      ),
    },
    {
      header: 'Weight',
      headerClassName: 'col-weight',
      className: 'col-weight',
      cell: (row, i) => (
        <CellInput
          aria-label={`Weight ${i + 1}`}
          inputMode="numeric"
          value={row.weight}
          onValueChange={(weight) => update(i, { weight })}
          error={errors[`targets.${i}.weight`]}
          errorId={`${id}-weight-${i}-error`}
          errorTestId={`field-error-targets.${i}.weight`}
        />
      ),
    },
  ];

  return (
    <fieldset className={`field${groupError ? ' field-invalid' : ''}`}>
      <legend className="field-label">Targets</legend>
      <p className="field-hint">Weight 0 drains a target: no new requests, in-flight ones finish.</p>
      {rows.length === 0 ? (
        <p className="muted targets-empty">No targets: requests to this upstream will fail until you add one.</p>
      ) : (
        <DataTable
          label="Targets"
          className="table-compact targets-table"
          wrapped={false}
          columns={columns}
          rows={rows}
          rowKey={(_, i) => i}
          rowTestId={(_, i) => `target-row-${i}`}
          actions={(_, i) => (
            <Button size="sm" variant="ghost" aria-label={`Remove row ${i + 1} from Targets`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ✕
            </Button>
          )}
        />
      )}
      <Button size="sm" variant="ghost" className="multi-add" onClick={() => onChange([...rows, { target: '', weight: '100' }])}>
        + Add target
      </Button>
      <FieldError id={`${id}-error`} message={groupError} testId="field-error-targets" />
      <TargetWarning message={warnings.group} testId="field-warning-targets" />
    </fieldset>
  );
}
