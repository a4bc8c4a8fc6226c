import { useCallback, useState } from 'react';
import type { ErrorDetail } from '@aya/config-schema';
import { apiErrorToFormErrors, detailsToFormErrors, noFormErrors, withoutField, type FormErrors } from './form-errors';

export interface UseFormErrors {
  errors: FormErrors;
  /** Client-side validation result (zod issues turned into details). */
  setDetails: (details: ReadonlyArray<ErrorDetail>) => void;
  setApiError: (error: unknown) => void;
  clearField: (root: string) => void;
  reset: () => void;
}

export function useFormErrors(fieldRoots: ReadonlyArray<string>): UseFormErrors {
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const key = fieldRoots.join('|');

  const setDetails = useCallback(
    (details: ReadonlyArray<ErrorDetail>) => setErrors(detailsToFormErrors(details, key.split('|'))),
    [key],
  );
  const setApiError = useCallback((error: unknown) => setErrors(apiErrorToFormErrors(error, key.split('|'))), [key]);
  const clearField = useCallback(
    (root: string) =>
      setErrors((prev) => {
        const fields = withoutField(prev.fields, root);
        return fields === prev.fields ? prev : { ...prev, fields };
      }),
    [],
  );
  const reset = useCallback(() => setErrors(noFormErrors), []);

  return { errors, setDetails, setApiError, clearField, reset };
}
