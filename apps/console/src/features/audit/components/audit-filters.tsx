import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import type { AuditFilters } from '../api/get-audit';
import { AUDIT_RESOURCE_TYPES, isoToLocal, localToIso } from '../audit-format';

export interface AuditFiltersFormProps {
  value: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  /** field errors the API answered (`details[].path`: resource, actor, since, until) */
  errors?: Readonly<Record<string, string>>;
}

/** Resource type, actor and a time range; applied on submit (a filter per keystroke would page the log each time). */
export function AuditFiltersForm({ value, onApply, errors = {} }: AuditFiltersFormProps) {
  const [resource, setResource] = useState(value.resource ?? '');
  const [actor, setActor] = useState(value.actor ?? '');
  const [since, setSince] = useState(isoToLocal(value.since));
  const [until, setUntil] = useState(isoToLocal(value.until));
  const [rangeError, setRangeError] = useState<string | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sinceIso = localToIso(since);
    const untilIso = localToIso(until);
    if (sinceIso && untilIso && sinceIso >= untilIso) {
      setRangeError('Pick an end after the start.');
      return;
    }
    setRangeError(undefined);
    onApply({ resource: resource || undefined, actor: actor.trim() || undefined, since: sinceIso, until: untilIso });
  };

  const clear = () => {
    setResource('');
    setActor('');
    setSince('');
    setUntil('');
    setRangeError(undefined);
    onApply({});
  };

  return (
    <form className="audit-filters" aria-label="Filter the audit log" onSubmit={submit}>
      <SelectField
        label="Resource"
        name="resource"
        value={resource}
        onValueChange={setResource}
        options={[{ value: '', label: 'All resources' }, ...AUDIT_RESOURCE_TYPES]}
        error={errors.resource}
      />
      <TextField label="Actor" name="actor" value={actor} onValueChange={setActor} placeholder="username or token" error={errors.actor} />
      <TextField label="From" name="since" type="datetime-local" value={since} onValueChange={setSince} error={errors.since} />
      <TextField label="To" name="until" type="datetime-local" value={until} onValueChange={setUntil} error={rangeError ?? errors.until} />
      <div className="audit-filters-actions">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button type="button" variant="ghost" onClick={clear}>
          Clear
        </Button>
      </div>
    </form>
  );
}
