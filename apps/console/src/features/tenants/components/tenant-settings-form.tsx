import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { apiErrorToFormErrors, noFormErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useTenantWrites, type TenantRecord, type TenantUpdateInput } from '../api/tenant-writes';

/**
 * A tenant's name and slug (owners and admins). Sent with the ETag the page was read with: a change made by someone
 * else meanwhile is a 412, told here, not overwritten.
 */
export function TenantSettingsForm({ tenant, onSaved }: { tenant: TenantRecord; onSaved: (saved: TenantRecord) => void }) {
  // the record (and its ETag) this edit started from; a refetch of someone else's change does not move it
  const [opened, setOpened] = useState(tenant);
  const [name, setName] = useState(tenant.name);
  const [slug, setSlug] = useState(tenant.slug);
  const { update } = useTenantWrites();
  const errors = update.isError ? apiErrorToFormErrors(update.error, ['name', 'slug']) : noFormErrors;
  const body: TenantUpdateInput = {};
  if (name.trim() !== opened.name) body.name = name.trim();
  if (slug.trim() !== opened.slug) body.slug = slug.trim();
  const dirty = Object.keys(body).length > 0;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { record: opened, body },
      {
        onSuccess: (saved) => {
          setOpened(saved);
          notifySuccess(`Tenant ${saved.slug} saved`);
          onSaved(saved);
        },
      },
    );
  };

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Tenant settings">
      <h2 className="section-title">Name</h2>
      <TextField label="Display name" name="name" value={name} onValueChange={setName} error={errors.fields.name} autoComplete="off" required />
      <TextField
        label="Slug"
        name="slug"
        value={slug}
        onValueChange={setSlug}
        hint="Changing it changes this tenant's URLs and the tenant named in its config items; scripts using the old slug stop working"
        error={errors.fields.slug}
        autoComplete="off"
        required
      />
      <FormAlert message={errors.form} />
      <Button type="submit" variant="primary" busy={update.isPending} disabled={!dirty || !name.trim() || !slug.trim()}>
        Save
      </Button>
    </form>
  );
}
