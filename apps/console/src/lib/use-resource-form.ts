import { useMemo, useState, type FormEvent } from 'react';
import type { ErrorDetail } from '@aya/config-schema';
import type { ZodType } from 'zod';
import { deepEqual } from './deep-equal';
import type { FormErrors } from './form-errors';
import { issuesToDetails } from './form-errors';
import { useFormErrors } from './use-form-errors';
import { useUnsavedChanges } from './unsaved-changes';

export interface ResourceFormOptions<V, P> {
  initialValues: () => V;
  /** Roots of the fields the form renders; errors on other paths go to the form-level alert. */
  fields: ReadonlyArray<string>;
  /** The shared contract schema the server validates with, so the client says the same thing first. */
  schema: ZodType;
  /**
   * Form values -> request body. It may also return `values` to show instead (blank rows dropped),
   * so the index in an error path (`paths.1`) is the row on screen. `errors` are problems found
   * while converting (a JSON field that does not parse), shown with the schema's.
   */
  toPayload: (values: V) => { payload: P; values?: V; errors?: ErrorDetail[] };
  /** `before` is the payload of the untouched form: an edit sends only what differs from it. */
  onSubmit: (payload: P, before: P) => Promise<unknown>;
}

export interface ResourceForm<V> {
  values: V;
  /** Setter of one field; editing a field clears its errors. */
  set: <K extends keyof V>(field: K) => (value: V[K]) => void;
  errors: FormErrors;
  /** Clears the errors at and under one path (a nested field such as `healthChecks.active.path`). */
  clearError: (path: string) => void;
  submitting: boolean;
  /** The values differ from the ones the form opened with: leaving the page asks first. */
  dirty: boolean;
  handleSubmit: (e: FormEvent) => Promise<void>;
}

/** Values, client validation, the write and its errors (server details land on the fields) for one create/edit form. */
export function useResourceForm<V, P>({ initialValues, fields, schema, toPayload, onSubmit }: ResourceFormOptions<V, P>): ResourceForm<V> {
  const [initial] = useState<V>(initialValues);
  const [values, setValues] = useState<V>(initial);
  const [before] = useState(() => toPayload(initial).payload);
  const dirty = useMemo(() => !deepEqual(values, initial), [values, initial]);
  const unsaved = useUnsavedChanges(dirty);
  const [submitting, setSubmitting] = useState(false);
  const { errors, setDetails, setApiError, clearField, reset } = useFormErrors(fields);

  const set =
    <K extends keyof V>(field: K) =>
    (value: V[K]) => {
      setValues((prev) => ({ ...prev, [field]: value }));
      clearField(String(field));
    };

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { payload, values: shown, errors: conversion = [] } = toPayload(values);
    if (shown) setValues(shown);
    const checked = schema.safeParse(payload);
    const problems = [...conversion, ...(checked.success ? [] : issuesToDetails(checked.error.issues))];
    if (problems.length > 0) {
      setDetails(problems);
      return;
    }
    reset();
    setSubmitting(true);
    // A successful save moves on (to the list): that navigation must not ask about the edits just saved.
    unsaved.release();
    try {
      await onSubmit(payload, before);
    } catch (err) {
      unsaved.restore();
      setApiError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return { values, set, errors, clearError: clearField, submitting, dirty, handleSubmit };
}
