import { useState } from 'react';
import { Link } from 'react-router';
import type { Plugin } from '@aya/config-schema';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable, type Column } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { useDeletePlugin } from '../api/delete-plugin';
import type { ScopeOptions } from '../api/get-scope-options';
import { useSetPluginEnabled } from '../api/set-plugin-enabled';
import { scopeLabel } from './plugin-scope';
import { notifyConfigWrite } from '../../../lib/notify';
import type { SortBy } from '../../../lib/sort-by';
import { useCanWriteConfig } from '../../../lib/write-access';

export interface PluginsTableProps {
  tenant: string;
  plugins: Plugin[];
  scopeOptions: ScopeOptions | undefined;
  /** Edit links return here after saving. */
  editPath: (plugin: Plugin) => string;
  /** Plugin and Updated headers that sort a searchable list; default plain words (a panel). */
  sortBy?: SortBy;
}

function EnabledSwitch({ tenant, plugin }: { tenant: string; plugin: Plugin }) {
  const toggle = useSetPluginEnabled(tenant);
  // Set in the click itself: the mutation's pending state reaches React a tick later, and a controlled
  // checkbox would flip back meanwhile. Cleared once the list has been refetched (or the write failed).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const checked = wanted ?? plugin.enabled;
  return (
    <span className="checkbox-row">
      <input
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={wanted !== null}
        aria-label={`Enable plugin ${plugin.name}`}
        onChange={(e) => {
          setWanted(e.target.checked);
          const enabled = e.target.checked;
          toggle.mutate({ plugin, enabled }, { onSuccess: () => notifyConfigWrite(`Plugin ${plugin.name} ${enabled ? 'enabled' : 'disabled'}`), onSettled: () => setWanted(null) });
        }}
      />
      {toggle.isError ? <span className="field-error">{toggle.error.message}</span> : null}
    </span>
  );
}

/** A viewer's "Enabled" cell: the state in words, nothing to switch. */
function EnabledState({ plugin }: { plugin: Plugin }) {
  return <Badge tone={plugin.enabled ? 'success' : 'neutral'}>{plugin.enabled ? 'enabled' : 'disabled'}</Badge>;
}

/** Plugin instances with their scope, an enable switch, Edit and a confirmed Delete (a viewer: the state and the name's link to a read-only view). */
export function PluginsTable({ tenant, plugins, scopeOptions, editPath, sortBy = (label) => label }: PluginsTableProps) {
  const canWrite = useCanWriteConfig();
  const [pending, setPending] = useState<Plugin | null>(null);
  const remove = useDeletePlugin(tenant);
  const close = () => {
    setPending(null);
    remove.reset();
  };
  const columns: ReadonlyArray<Column<Plugin>> = [
    {
      header: sortBy('Plugin', 'name'),
      cell: (p) => (
        <Link to={editPath(p)} className="cell-primary">
          {p.name}
        </Link>
      ),
    },
    { header: 'Applies to', cell: (p) => scopeLabel(p, scopeOptions) },
    { header: 'Enabled', cell: (p) => (canWrite ? <EnabledSwitch tenant={tenant} plugin={p} /> : <EnabledState plugin={p} />) },
    { header: sortBy('Updated', 'updatedAt'), className: 'muted', cell: (p) => <RelativeTime iso={p.updatedAt} /> },
  ];
  return (
    <>
      <DataTable
        label="Plugins"
        columns={columns}
        rows={plugins}
        rowKey={(p) => p.id}
        rowTestId={(p) => `plugin-row-${p.name}`}
        actions={
          canWrite
            ? (p) => (
                <>
                  <Link to={editPath(p)} className="btn btn-ghost btn-sm" aria-label={`Edit plugin ${p.name}`}>
                    Edit
                  </Link>
                  <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete plugin ${p.name}`} onClick={() => setPending(p)}>
                    Delete
                  </Button>
                </>
              )
            : undefined
        }
      />
      <ConfirmDialog
        open={pending !== null}
        title="Delete plugin?"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={close}
        onConfirm={() =>
          pending &&
          remove.mutate(pending, {
            onSuccess: () => {
              notifyConfigWrite(`Plugin ${pending.name} deleted`);
              close();
            },
          })
        }
      >
        <p>
          <strong>{pending?.name}</strong> ({pending ? scopeLabel(pending, scopeOptions) : ''}) will be removed from every gateway.
        </p>
      </ConfirmDialog>
    </>
  );
}
