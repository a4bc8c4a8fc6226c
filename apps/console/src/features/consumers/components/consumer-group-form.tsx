import { consumerGroupCreateSchema, type ConsumerGroup } from '@aya/config-schema';
import { TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';
import { GROUP_FORM_FIELDS, toGroupPayload, toGroupValues, type ConsumerGroupInput } from './consumer-group-form-values';

export function ConsumerGroupForm({ group, submitLabel, cancelTo, onSubmit }: FormBinding<ConsumerGroupInput> & { group?: ConsumerGroup }) {
  const form = useResourceForm({
    initialValues: () => toGroupValues(group),
    fields: GROUP_FORM_FIELDS,
    schema: consumerGroupCreateSchema,
    toPayload: toGroupPayload,
    onSubmit,
  });
  const { values, set } = form;
  const f = form.errors.fields;
  return (
    <FormShell label={group ? `Edit consumer group ${group.name}` : 'Create consumer group'} form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <TextField label="Name" name="name" value={values.name} onValueChange={set('name')} error={f.name} required autoComplete="off" placeholder="partners" />
      <TextField label="Description" name="description" value={values.description} onValueChange={set('description')} error={f.description} autoComplete="off" placeholder="optional" />
    </FormShell>
  );
}
