import { HTTP_METHODS, routeCreateSchema, type HttpMethod, type Route, type RouteCreate } from '@aya/config-schema';
import { CheckboxGroup } from '../../../components/checkbox-group';
import { CheckboxField, SelectField, TextField } from '../../../components/field';
import { FormShell } from '../../../components/form-shell';
import { MultiValueInput } from '../../../components/multi-value-input';
import type { FormBinding } from '../../../components/resource-form-page';
import { useResourceForm } from '../../../lib/use-resource-form';
import type { ServiceOption } from '../api/get-service-options';

interface RouteFormValues {
  name: string;
  service: string;
  paths: string[];
  methods: HttpMethod[];
  hosts: string[];
  stripPath: boolean;
}

const FIELDS = ['name', 'service', 'paths', 'methods', 'hosts', 'stripPath'] as const;

function toValues(route?: Route): RouteFormValues {
  return {
    name: route?.name ?? '',
    service: route?.service ?? '',
    paths: route?.paths ?? [],
    methods: route?.methods ?? [],
    hosts: route?.hosts ?? [],
    stripPath: route?.stripPath ?? true,
  };
}

const clean = (list: string[]) => list.map((v) => v.trim()).filter(Boolean);

/**
 * Blank rows are dropped before validating, and the form shows the cleaned lists, so the
 * index in an error path (`paths.1`) is the row the user sees.
 */
function toPayload(values: RouteFormValues): { payload: RouteCreate; values: RouteFormValues } {
  const cleaned = { ...values, paths: clean(values.paths), hosts: clean(values.hosts) };
  return {
    values: cleaned,
    payload: {
      name: cleaned.name.trim(),
      service: cleaned.service,
      paths: cleaned.paths,
      methods: cleaned.methods,
      hosts: cleaned.hosts,
      stripPath: cleaned.stripPath,
    },
  };
}

export interface RouteFormProps extends FormBinding<RouteCreate> {
  route?: Route;
  services: ServiceOption[];
  servicesLoading: boolean;
}

export function RouteForm({ route, services, servicesLoading, submitLabel, cancelTo, onSubmit }: RouteFormProps) {
  const form = useResourceForm({ initialValues: () => toValues(route), fields: FIELDS, schema: routeCreateSchema, toPayload, onSubmit });
  const { values, set } = form;

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
    </FormShell>
  );
}
