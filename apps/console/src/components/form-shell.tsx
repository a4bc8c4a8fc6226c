import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ResourceForm } from '../lib/use-resource-form';
import { Button } from './button';
import { FormAlert } from './form-alert';

export interface FormShellProps {
  label: string;
  form: Pick<ResourceForm<unknown>, 'handleSubmit' | 'errors' | 'submitting'>;
  submitLabel: string;
  cancelTo: string;
  children: ReactNode;
}

/** A create/edit form card: its fields, the form-level alert (conflicts, server failures), then Cancel and submit. */
export function FormShell({ label, form, submitLabel, cancelTo, children }: FormShellProps) {
  return (
    <form className="form card" onSubmit={form.handleSubmit} noValidate aria-label={label}>
      {children}
      <FormAlert message={form.errors.form} />
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
