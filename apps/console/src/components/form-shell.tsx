import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { FormErrors } from '../lib/form-errors';
import type { ResourceForm } from '../lib/use-resource-form';
import { ReadOnlyFormContext, useCanWriteConfig } from '../lib/write-access';
import { Button } from './button';
import { FormAlert } from './form-alert';
import { ReadOnlyNotice } from './read-only-notice';
import { StaleEditAlert } from './stale-edit-alert';

export interface FormShellProps {
  label: string;
  form: Pick<ResourceForm<unknown>, 'handleSubmit' | 'errors' | 'submitting'>;
  submitLabel: string;
  cancelTo: string;
  children: ReactNode;
}

/**
 * A create/edit form card: its fields, the form-level alert (conflicts, server failures, a stale save), then Cancel
 * and submit. For a caller who may not write (a viewer) the same fields show the values read-only, with no submit.
 */
export function FormShell({ label, form, submitLabel, cancelTo, children }: FormShellProps) {
  const canWrite = useCanWriteConfig();
  // "Keep editing" hides the 412 alert of that one refused save; the next refusal shows it again.
  const [dismissed, setDismissed] = useState<FormErrors | null>(null);
  if (!canWrite) {
    return (
      <form className="form card" onSubmit={(e) => e.preventDefault()} noValidate aria-label={label}>
        <ReadOnlyNotice />
        <ReadOnlyFormContext.Provider value={true}>
          {/* a disabled fieldset disables every input, select, textarea and button inside: nothing can change */}
          <fieldset disabled className="form-readonly-fields">
            {children}
          </fieldset>
        </ReadOnlyFormContext.Provider>
        <div className="form-actions">
          <Link to={cancelTo} className="btn btn-ghost">
            Back
          </Link>
        </div>
      </form>
    );
  }
  const { errors } = form;
  return (
    <form className="form card" onSubmit={form.handleSubmit} noValidate aria-label={label}>
      {children}
      {errors.stale ? (
        dismissed === errors ? null : <StaleEditAlert message={errors.form ?? ''} onKeepEditing={() => setDismissed(errors)} />
      ) : (
        <FormAlert message={errors.form} />
      )}
      <div className="form-actions">
        <Link to={cancelTo} className="btn btn-ghost">
          Cancel
        </Link>
        <Button type="submit" variant="primary" busy={form.submitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
