import { Link } from 'react-router';
import type { Service } from '@aya/config-schema';
import { Button } from '../../../components/button';
import { RelativeTime } from '../../../components/relative-time';
import { consolePath } from '../../../lib/paths';

export interface ServicesTableProps {
  tenant: string;
  services: Service[];
  onDelete: (service: Service) => void;
}

export function ServicesTable({ tenant, services, onDelete }: ServicesTableProps) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Services">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URL</th>
            <th scope="col">Timeouts (connect / read)</th>
            <th scope="col">Retries</th>
            <th scope="col">Updated</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id} data-testid={`service-row-${s.name}`}>
              <td>
                <Link to={consolePath(tenant, 'services', s.id, 'edit')} className="cell-primary">
                  {s.name}
                </Link>
              </td>
              <td>
                <code className="mono">{s.url}</code>
              </td>
              <td className="num">
                {s.connectTimeoutMs.toLocaleString()} / {s.readTimeoutMs.toLocaleString()} ms
              </td>
              <td className="num">{s.retries}</td>
              <td className="muted">
                <RelativeTime iso={s.updatedAt} />
              </td>
              <td className="col-actions">
                <Link to={consolePath(tenant, 'services', s.id, 'edit')} className="btn btn-ghost btn-sm" aria-label={`Edit service ${s.name}`}>
                  Edit
                </Link>
                <Button size="sm" variant="ghost" className="btn-ghost-danger" aria-label={`Delete service ${s.name}`} onClick={() => onDelete(s)}>
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
