import { Link } from 'react-router';
import { consumerCreateSchema, type Consumer } from '@aya/config-schema';
import { CheckboxGroup } from '../../../components/checkbox-group';
import { TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import type { FormBinding } from '../../../components/resource-form-page';
import { consolePath } from '../../../lib/paths';
import { useResourceForm } from '../../../lib/use-resource-form';
import { CONSUMER_FORM_FIELDS, toConsumerPayload, toConsumerValues, type ConsumerInput } from './consumer-form-values';

export interface ConsumerFormProps extends FormBinding<ConsumerInput> {
  tenant: string;
  consumer?: Consumer;
  /** every group name of the tenant */
  groupNames: string[];
  groupsLoading: boolean;
}

export function ConsumerForm({ tenant, consumer, groupNames, groupsLoading, submitLabel, cancelTo, onSubmit }: ConsumerFormProps) {
  const form = useResourceForm({
    initialValues: () => toConsumerValues(consumer),
    fields: CONSUMER_FORM_FIELDS,
    schema: consumerCreateSchema,
    toPayload: toConsumerPayload,
    onSubmit,
  });
  const { values, set } = form;
  const f = form.errors.fields;
  // A group the consumer is in stays listed even if the list has not loaded (or it is beyond it).
  const options = [...new Set([...groupNames, ...values.groups])].sort();

  return (
    <FormShell label={consumer ? `Edit consumer ${consumer.username}` : 'Create consumer'} form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <TextField label="Username" name="username" value={values.username} onValueChange={set('username')} error={f.username} required autoComplete="off" placeholder="mobile-app" />
      <TextField
        label="Custom ID"
        name="customId"
        value={values.customId}
        onValueChange={set('customId')}
        error={f.customId}
        autoComplete="off"
        placeholder="optional"
        hint="Your own identifier (a customer number…), passed upstream as X-Consumer-Custom-Id."
      />
      {options.length > 0 ? (
        <CheckboxGroup name="groups" label="Groups" options={options} values={values.groups} onChange={set('groups')} errors={f} hint="Sent upstream as X-Consumer-Groups; the acl plugin allows or denies by them." />
      ) : (
        <div className="field">
          <span className="field-label">Groups</span>
          <p className="field-hint">
            {groupsLoading ? 'Loading groups…' : 'No consumer groups yet. '}
            {groupsLoading ? null : <Link to={consolePath(tenant, 'consumer-groups', 'new')}>Create a group</Link>}
          </p>
        </div>
      )}
    </FormShell>
  );
}
