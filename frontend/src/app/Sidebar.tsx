import { NavLink } from 'react-router-dom';
import { Button } from '../shared/ui/Button';
import { selectCurrentUser, signOut, useSessionStore } from '../features/auth';
import { ChatList } from '../features/chats';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `flex-1 border-b-2 px-4 py-2 text-center text-sm font-medium ${
    isActive ? 'border-blue-600 text-blue-700' : 'border-transparent text-slate-600 hover:text-slate-900'
  }`;

export function Sidebar() {
  const user = useSessionStore(selectCurrentUser);
  return (
    <>
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <p className="font-bold text-blue-700">1000-Messenger</p>
          {user && (
            <p className="truncate text-sm text-slate-600">
              Signed in as <span className="font-medium text-slate-900">{user.displayName}</span>
            </p>
          )}
        </div>
        <Button variant="secondary" size="sm" onClick={() => void signOut()}>
          Sign out
        </Button>
      </div>
      <nav aria-label="Main" className="flex border-b border-slate-200">
        <NavLink to="/chats" className={navLinkClass}>
          Chats
        </NavLink>
        <NavLink to="/contacts" className={navLinkClass}>
          Contacts
        </NavLink>
        <NavLink to="/settings/profile" className={navLinkClass}>
          Profile
        </NavLink>
      </nav>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ChatList />
      </div>
    </>
  );
}
