import { Link, NavLink, Outlet } from 'react-router-dom';
import { Page } from '../../shared/ui/Page';
import { selectIsAdmin, useSessionStore } from '../auth';

const SECTIONS = [
  { to: '/admin/people', label: 'People' },
  { to: '/admin/registration', label: 'Registration' },
  { to: '/admin/audit', label: 'Audit' },
] as const;

const sectionLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${
    isActive ? 'bg-surface-accent text-fg-accent' : 'text-fg-muted hover:bg-surface-hover hover:text-fg'
  }`;

/**
 * /admin/*: the pages that run the installation, for admins only. A member who types the address is told so
 * rather than shown empty pages (the server would refuse every request with 403 anyway).
 */
export function AdminArea() {
  const isAdmin = useSessionStore(selectIsAdmin);
  if (!isAdmin) {
    return (
      <Page title="Not allowed">
        <div className="flex flex-col gap-3 card p-6">
          <p className="text-fg">The Admin area is only for admins of this messenger.</p>
          <p className="text-sm text-fg-muted">If you need something changed, ask one of your admins.</p>
          <Link to="/chats" className="self-start font-medium text-fg-accent hover:underline">
            Back to your chats
          </Link>
        </div>
      </Page>
    );
  }
  return (
    <Page title="Admin">
      <nav aria-label="Admin sections" className="flex flex-wrap gap-1">
        {SECTIONS.map(({ to, label }) => (
          <NavLink key={to} to={to} className={sectionLinkClass}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </Page>
  );
}
