import type { ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { PageHeader } from './page-header';
import type { NamedResource } from './resource-table';
import { ErrorState, Loading } from './status';
import { notifyWrite, writtenMessage } from '../lib/notify';
import type { EditVariables } from '../lib/tenant-resource';
import { useOpenedRecord } from '../lib/use-opened-record';
import { useCanWriteConfig } from '../lib/write-access';
import { ReloadableForm } from './stale-edit-alert';

/** What a create/edit page hands its form. */
export interface FormBinding<I> {
  submitLabel: string;
  cancelTo: string;
  /** `before`: the payload of the untouched form, so an edit can send only what changed. */
  onSubmit: (input: I, before: I) => Promise<void>;
}

function useSaveThenList<A extends unknown[]>(listPath: string, save: (...args: A) => Promise<unknown>, saved: (...args: A) => string, appliesToGateways?: boolean) {
  const navigate = useNavigate();
  return async (...args: A) => {
    await save(...args);
    notifyWrite(saved(...args), appliesToGateways);
    navigate(listPath);
  };
}

const nameOf = (input: unknown): unknown => (typeof input === 'object' && input !== null ? (input as { name?: unknown }).name : undefined);

export interface CreateResourcePageProps<I> {
  /** One resource in words: "service". */
  noun: string;
  listPath: string;
  save: (input: I) => Promise<unknown>;
  form: (binding: FormBinding<I>) => ReactNode;
  /** false for writes that are not gateway config (members, tokens): the toast does not wait for gateways. */
  appliesToGateways?: boolean;
}

/** "New …" page: the form creates, then the user is back on the list (a viewer, who cannot create, is sent there). */
export function CreateResourcePage<I>({ noun, listPath, save, form, appliesToGateways }: CreateResourcePageProps<I>) {
  const onSubmit = useSaveThenList(listPath, save, (input) => writtenMessage(noun, nameOf(input), 'created'), appliesToGateways);
  const canWrite = useCanWriteConfig();
  if (!canWrite) return <Navigate to={listPath} replace />;
  return (
    <section>
      <PageHeader title={`New ${noun}`} />
      {form({ submitLabel: `Create ${noun}`, cancelTo: listPath, onSubmit })}
    </section>
  );
}

export interface EditResourcePageProps<T extends NamedResource, I> {
  noun: string;
  listPath: string;
  record: UseQueryResult<T>;
  /** The update mutation's `mutateAsync` (see `useTenantEdit`). */
  save: (variables: EditVariables<I>) => Promise<unknown>;
  form: (record: T, binding: FormBinding<I>) => ReactNode;
  appliesToGateways?: boolean;
}

/**
 * "Edit …" page: loads the resource, then the form saves it and the user is back on the list. The form works from
 * the record as it OPENED (`useOpenedRecord`): its save is conditional on that version (If-Match), and a 412 offers
 * to reload it. A viewer sees the same form read-only (FormShell).
 */
export function EditResourcePage<T extends NamedResource, I>({ noun, listPath, record, save, form, appliesToGateways }: EditResourcePageProps<T, I>) {
  const saveThenList = useSaveThenList(listPath, save, (v) => writtenMessage(noun, nameOf(v.input) ?? nameOf(v.record), 'saved'), appliesToGateways);
  const opened = useOpenedRecord(record);
  const canWrite = useCanWriteConfig();
  const data = opened.record;
  if (data === undefined) {
    return record.isError ? <ErrorState error={record.error} onRetry={() => void record.refetch()} /> : <Loading label={`Loading ${noun}…`} />;
  }
  const title = canWrite ? `Edit ${noun} ${data.name}` : `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${data.name}`;
  return (
    <section>
      <PageHeader title={title} description={<span className="mono muted">{data.id}</span>} />
      {/* Re-seed the form when another resource is opened in the same mounted route, or the user reloads after a 412. */}
      <ReloadableForm opened={opened}>{form(data, { submitLabel: 'Save changes', cancelTo: listPath, onSubmit: (input, before) => saveThenList({ id: data.id, record: data, before, input }) })}</ReloadableForm>
    </section>
  );
}
