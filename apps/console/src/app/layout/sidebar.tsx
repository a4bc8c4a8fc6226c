import type { ComponentType } from 'react';
import { Boxes, FileKey, History, House, Layers, Puzzle, Route, ScrollText, Server, UsersRound, Waypoints, X } from 'lucide-react';
import { NavItem } from './nav-item';
import { ThemeSwitch } from '../../components/theme-switch';
import { consolePath, tenantHomePath, type ConsoleSection } from '../../lib/paths';
import { PeopleNav } from './people-nav';

/** An icon of the one set the console uses (lucide-react): glyphs from fonts rendered as empty boxes on some systems. */
export type NavIcon = ComponentType<{ size?: number; 'aria-hidden'?: boolean | 'true' }>;

const NAV: ReadonlyArray<{ section: ConsoleSection; label: string; icon: NavIcon }> = [
  { section: 'services', label: 'Services', icon: Layers },
  { section: 'routes', label: 'Routes', icon: Route },
  { section: 'upstreams', label: 'Upstreams', icon: Waypoints },
  { section: 'certificates', label: 'Certificates', icon: FileKey },
  { section: 'consumers', label: 'Consumers', icon: UsersRound },
  { section: 'consumer-groups', label: 'Consumer groups', icon: Boxes },
  { section: 'plugins', label: 'Plugins', icon: Puzzle },
  { section: 'nodes', label: 'Gateway nodes', icon: Server },
  { section: 'audit', label: 'Audit log', icon: ScrollText },
  { section: 'history', label: 'Config history', icon: History },
];

export interface SidebarProps {
  tenant: string;
  /** Narrow screens: the sidebar is a drawer the header's menu button opens. */
  open?: boolean;
  onClose?: () => void;
}

export function Sidebar({ tenant, open = false, onClose }: SidebarProps) {
  return (
    <aside id="console-sidebar" className={`sidebar${open ? ' sidebar-open' : ''}`}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          A
        </span>
        <span className="brand-name">Aya</span>
        <span className="brand-tag">console</span>
        <button type="button" className="sidebar-close" aria-label="Close navigation" onClick={onClose}>
          <X size={18} aria-hidden="true" />
        </button>
      </div>
      <nav aria-label="Main">
        <ul className="nav">
          <NavItem to={tenantHomePath(tenant)} label="Home" icon={House} end />
          {NAV.map(({ section, label, icon }) => (
            <NavItem key={section} to={consolePath(tenant, section)} label={label} icon={icon} />
          ))}
        </ul>
        <PeopleNav tenant={tenant} />
      </nav>
      <div className="sidebar-foot">
        <ThemeSwitch />
      </div>
    </aside>
  );
}
