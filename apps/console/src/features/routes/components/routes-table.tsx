import { Link } from 'react-router';
import type { Route } from '@aya/config-schema';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { consolePath } from '../../../lib/paths';

export interface RoutesTableProps {
  tenant: string;
  routes: Route[];
  onDelete: (route: Route) => void;
}

function List({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <span className="tag-list">
      {items.map((i) => (
        <code key={i} className="tag">
          {i}
        </code>
      ))}
    </span>
  );
}

export function RoutesTable({ tenant, routes, onDelete }: RoutesTableProps) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Routes">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Service</th>
            <th scope="col">Paths</th>
            <th scope="col">Methods</th>
            <th scope="col">Hosts</th>
            <th scope="col">Strip path</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {routes.map((r) => (
            <tr key={r.id} data-testid={`route-row-${r.name}`}>
              <td>
                <Link to={consolePath(tenant, 'routes', r.id, 'edit')} className="cell-primary">
                  {r.name}
                </Link>
              </td>
              <td>{r.service}</td>
              <td>
                <List items={r.paths} empty="—" />
              </td>
              <td>
                <List items={r.methods} empty="any" />
              </td>
              <td>
                <List items={r.hosts} empty="any" />
              </td>
              <td>{r.stripPath ? <Badge tone="info">strip</Badge> : <span className="muted">keep</span>}</td>
              <td className="col-actions">
                <Link to={consolePath(tenant, 'routes', r.id, 'edit')} className="btn btn-ghost btn-sm" aria-label={`Edit route ${r.name}`}>
                  Edit
                </Link>
                <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete route ${r.name}`} onClick={() => onDelete(r)}>
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
