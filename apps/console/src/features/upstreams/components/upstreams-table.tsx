import { Link } from 'react-router';
import type { Upstream } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { consolePath } from '../../../lib/paths';

export interface UpstreamsTableProps {
  tenant: string;
  upstreams: Upstream[];
  onDelete: (upstream: Upstream) => void;
}

const SHOWN_TARGETS = 4;

export function UpstreamsTable({ tenant, upstreams, onDelete }: UpstreamsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Upstreams">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Algorithm</th>
            <th scope="col">Targets</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {upstreams.map((u) => (
            <tr key={u.id} data-testid={`upstream-row-${u.name}`}>
              <td>
                <Link to={consolePath(tenant, 'upstreams', u.id, 'edit')} className="cell-primary">
                  {u.name}
                </Link>
              </td>
              <td>
                <code className="mono">{u.algorithm}</code>
              </td>
              <td>
                {u.targets.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <span className="tag-list">
                    {u.targets.slice(0, SHOWN_TARGETS).map((t) => (
                      <code key={t.target} className={`tag${t.weight === 0 ? ' tag-drained' : ''}`} title={`weight ${t.weight}`}>
                        {t.target} · {t.weight}
                      </code>
                    ))}
                    {u.targets.length > SHOWN_TARGETS ? <span className="muted">+{u.targets.length - SHOWN_TARGETS} more</span> : null}
                  </span>
                )}
              </td>
              <td className="col-actions">
                <Link to={consolePath(tenant, 'upstreams', u.id, 'edit')} className="btn btn-ghost btn-sm" aria-label={`Edit upstream ${u.name}`}>
                  Edit
                </Link>
                <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete upstream ${u.name}`} onClick={() => onDelete(u)}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
