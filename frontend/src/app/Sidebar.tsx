import { useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { Button } from '../shared/ui/Button';
import { Notice } from '../shared/ui/Notice';
import { UserLink } from '../shared/ui/UserLink';
import { selectCurrentUser, signOut, useSessionStore } from '../features/auth';
import { ChatList, NewGroupDialog } from '../features/chats';
import { NotificationPrompt, useNotificationNavigation, useUnreadTitle } from '../features/notifications';

/** A message handed over by the page we came from (such as a chat we were removed from). */
function useNavigationNotice(): string | null {
  const state: unknown = useLocation().state;
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  return typeof state.notice === 'string' ? state.notice : null;
}

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `flex-1 border-b-2 px-4 py-2 text-center text-sm font-medium focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none ${
    isActive ? 'border-blue-600 text-blue-700' : 'border-transparent text-slate-600 hover:text-slate-900'
  }`;

export function Sidebar() {
  const user = useSessionStore(selectCurrentUser);
  const [creatingGroup, setCreatingGroup] = useState(false);
  const notice = useNavigationNotice();
  useUnreadTitle();
  useNotificationNavigation();
  return (
    <>
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <p className="font-bold text-blue-700">1000-Messenger</p>
          {user && (
            <p className="truncate text-sm text-slate-600">
              Signed in as{' '}
              <UserLink userId={user.id} className="font-medium text-slate-900 hover:underline">
                {user.displayName}
              </UserLink>
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
        <NavLink to="/search" className={navLinkClass} aria-keyshortcuts="Control+K Meta+K" title="Search (Ctrl+K)">
          Search
        </NavLink>
        <NavLink to="/settings/profile" className={navLinkClass}>
          Profile
        </NavLink>
      </nav>
      <Notice message={notice} className="mx-4 mt-3" />
      <NotificationPrompt />
      <div className="flex justify-end px-4 pt-3">
        <Button variant="secondary" size="sm" onClick={() => setCreatingGroup(true)}>
          New group
        </Button>
      </div>
      {creatingGroup && <NewGroupDialog onClose={() => setCreatingGroup(false)} />}
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ChatList />
      </div>
    </>
  );
}
