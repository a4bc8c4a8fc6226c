import { HTTP_METHODS, routeCreateSchema, type Route, type RouteCreate } from '@aya/config-schema';
import { CheckboxGroup } from '../../../components/checkbox-group';
import { CheckboxField, SelectField, TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import { MultiValueInput } from '../../../components/multi-value-input';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';
import type { ServiceOption } from '../api/get-service-options';
import { RouteAdvancedSection } from './route-advanced-section';
import { ROUTE_FORM_FIELDS, toRoutePayload, toRouteValues, type CacheValues, type CompressionValues, type RouteFormValues } from './route-form-values';

export interface RouteFormProps extends FormBinding<RouteCreate> {
  route?: Route;
  /** a new route's starting values (the service the guide proposes) */
  preset?: Partial<RouteFormValues>;
  services: ServiceOption[];
  servicesLoading: boolean;
}

export function RouteForm({ route, preset, services, servicesLoading, submitLabel, cancelTo, onSubmit }: RouteFormProps) {
  const form = useResourceForm({ initialValues: () => ({ ...toRouteValues(route), ...preset }), fields: ROUTE_FORM_FIELDS, schema: routeCreateSchema, toPayload: toRoutePayload, onSubmit });
  const { values, set, clearError } = form;
  const setGroup =
    <K extends 'cache' | 'compression'>(key: K) =>
    (patch: Partial<K extends 'cache' ? CacheValues : CompressionValues>) => {
      set(key)({ ...values[key], ...patch });
      clearError(key);
    };

  const serviceOptions = services.map((s) => ({ value: s.name, label: `${s.name} — ${s.url}` }));
  // Keep the current service selectable while the list loads or if it is past the picker's limit.
  if (values.service && !serviceOptions.some((o) => o.value === values.service)) {
    serviceOptions.unshift({ value: values.service, label: values.service });
  }

  const f = form.errors.fields;
  return (
    <FormShell
      label={route ? `Edit route ${route.name}` : 'Create route'}
      form={form}
      submitLabel={submitLabel}
      cancelTo={cancelTo}
    >
      <TextField label="Name" name="name" value={values.name} onValueChange={set('name')} error={f.name} required autoComplete="off" placeholder="orders-api" />
      <SelectField
        label="Service"
        name="service"
        value={values.service}
        onValueChange={set('service')}
        options={serviceOptions}
        placeholder={servicesLoading ? 'Loading services…' : serviceOptions.length ? 'Choose a service' : 'No services in this tenant'}
        error={f.service}
        required
      />
      <MultiValueInput
        name="paths"
        label="Paths"
        itemLabel="Path"
        values={values.paths}
        onChange={set('paths')}
        errors={f}
        placeholder="/orders"
        hint="Prefixes: /orders matches /orders and /orders/…"
        required
      />
      <CheckboxGroup
        name="methods"
        label="Methods"
        options={HTTP_METHODS}
        values={values.methods}
        onChange={set('methods')}
        errors={f}
        hint="None selected: every method matches."
      />
      <MultiValueInput
        name="hosts"
        label="Hosts"
        itemLabel="Host"
        values={values.hosts}
        onChange={set('hosts')}
        errors={f}
        placeholder="api.example.com or *.example.com"
        hint="None: every host matches."
      />
      <CheckboxField
        label="Strip path"
        name="stripPath"
        checked={values.stripPath}
        onCheckedChange={set('stripPath')}
        error={f.stripPath}
        hint="Remove the matched prefix before forwarding: /orders/42 reaches the service as /42."
      />
      <RouteAdvancedSection
        values={values}
        errors={f}
        setPriority={set('priority')}
        setCache={setGroup('cache')}
        setCompression={setGroup('compression')}
        setJson={(name, text) => {
          set('json')({ ...values.json, [name]: text });
          clearError(name);
        }}
      />
    </FormShell>
  );
}
