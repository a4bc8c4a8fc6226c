import { useCallback, useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';

interface Identified {
  id: string;
}

/**
 * Which record an edit form works from: the one it opened with, until the user reloads or another record (id) is
 * opened. A refetch of the cache (window focus, another write in the tenant) must not move the form's base: its
 * ETag is the save's `If-Match`, and a newer one would let the save overwrite a change the user never saw.
 */
export function openedRecord<T extends Identified>(opened: T | undefined, latest: T | undefined): T | undefined {
  if (latest === undefined) return opened;
  if (opened === undefined || opened.id !== latest.id) return latest;
  return opened;
}

export interface OpenedRecord<T> {
  /** the record as the form opened it (undefined while loading) */
  record: T | undefined;
  /** changes on every reload: a form keyed by it re-seeds from the reloaded record */
  version: string;
  /** re-reads the record and reopens the form on it (the user's edits are discarded: they chose so) */
  reload: () => Promise<void>;
}

export function useOpenedRecord<T extends Identified>(query: UseQueryResult<T>): OpenedRecord<T> {
  const [opened, setOpened] = useState<T | undefined>(undefined);
  const [reloads, setReloads] = useState(0);
  const record = openedRecord(opened, query.data);
  // adjusting state while rendering (React's pattern for state derived from a changing input)
  if (record !== opened) setOpened(record);
  const { refetch } = query;
  const reload = useCallback(async () => {
    const fresh = await refetch();
    if (fresh.data === undefined) return;
    setOpened(fresh.data);
    setReloads((n) => n + 1);
  }, [refetch]);
  return { record, version: `${record?.id ?? ''}:${reloads}`, reload };
}
