import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useTenantWrites } from '../api/tenant-writes';

/** Creates a tenant (superadmins): a slug for URLs and the config, and a display name. */
export function NewTenantForm() {
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const { create } = useTenantWrites();
  const errors = create.isError ? apiErrorToFormErrors(create.error, ['slug', 'name']) : noFormErrors;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { slug: slug.trim(), name: name.trim() || slug.trim() },
      {
        onSuccess: (t) => {
          notifySuccess(`Tenant ${t.slug} created`);
          setSlug('');
          setName('');
        },
      },
    );
  };

  return (
    <form className="form form-inline card" onSubmit={onSubmit} noValidate aria-label="New tenant">
      <TextField label="Slug" name="slug" value={slug} onValueChange={setSlug} hint="In URLs and the config: lowercase letters, digits, dashes" error={errors.fields.slug} autoComplete="off" required />
      <TextField label="Display name" name="name" value={name} onValueChange={setName} hint="Empty: the slug" error={errors.fields.name} autoComplete="off" />
      <FormAlert message={errors.form} />
      <Button type="submit" variant="primary" busy={create.isPending} disabled={!slug.trim()}>
        Create tenant
      </Button>
    </form>
  );
}
