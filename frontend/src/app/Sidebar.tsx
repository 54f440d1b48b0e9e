import {
  ArrowRightStartOnRectangleIcon,
  ChatBubbleLeftRightIcon,
  Cog6ToothIcon,
  MagnifyingGlassIcon,
  PlusIcon,
  ShieldCheckIcon,
  UserGroupIcon,
  UsersIcon,
} from '@heroicons/react/20/solid';
import { useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { Button } from '../shared/ui/Button';
import type { Icon } from '../shared/ui/Icon';
import { IconButton } from '../shared/ui/IconButton';
import { Notice } from '../shared/ui/Notice';
import { UserLink } from '../shared/ui/UserLink';
import { selectCurrentUser, selectIsAdmin, signOut, useSessionStore } from '../features/auth';
import { ChatList, NewGroupDialog } from '../features/chats';
import { preloadTimelines } from '../features/messages';
import { NotificationPrompt, useNotificationNavigation, useUnreadTitle } from '../features/notifications';

/** Its newest messages are fetched while the pointer is still on its way: opening it then shows them at once. */
const preloadChat = (chatId: string) => void preloadTimelines([chatId]);

/** A message handed over by the page we came from (such as a chat we were removed from). */
function useNavigationNotice(): string | null {
  const state: unknown = useLocation().state;
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  return typeof state.notice === 'string' ? state.notice : null;
}

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `flex flex-1 flex-col items-center gap-0.5 border-b-2 px-2 py-2 text-xs font-medium -outline-offset-2 ${
    isActive ? 'border-accent text-fg-accent' : 'border-transparent text-fg-muted hover:text-fg'
  }`;

function NavLabel({ icon: NavIcon, children }: { icon: Icon; children: ReactNode }) {
  return (
    <>
      <NavIcon className="size-5" />
      {children}
    </>
  );
}

export function Sidebar() {
  const user = useSessionStore(selectCurrentUser);
  const isAdmin = useSessionStore(selectIsAdmin);
  const [creatingGroup, setCreatingGroup] = useState(false);
  const notice = useNavigationNotice();
  useUnreadTitle();
  useNotificationNavigation();
  return (
    <>
      <div className="flex items-center justify-between gap-2 border-b border-border px-4 py-3">
        <div className="min-w-0">
          <p className="font-bold text-fg-accent">1000-Messenger</p>
          {user && (
            <p className="truncate text-sm text-fg-muted">
              Signed in as{' '}
              <UserLink userId={user.id} className="font-medium text-fg hover:underline">
                {user.displayName}
              </UserLink>
            </p>
          )}
        </div>
        <IconButton label="Sign out" icon={ArrowRightStartOnRectangleIcon} onClick={() => void signOut()} />
      </div>
      <nav aria-label="Main" className="flex border-b border-border">
        <NavLink to="/chats" className={navLinkClass}>
          <NavLabel icon={ChatBubbleLeftRightIcon}>Chats</NavLabel>
        </NavLink>
        <NavLink to="/contacts" className={navLinkClass}>
          <NavLabel icon={UsersIcon}>Contacts</NavLabel>
        </NavLink>
        <NavLink to="/groups" className={navLinkClass} title="Browse open groups">
          <NavLabel icon={UserGroupIcon}>Groups</NavLabel>
        </NavLink>
        <NavLink to="/search" className={navLinkClass} aria-keyshortcuts="Control+K Meta+K" title="Search (Ctrl+K)">
          <NavLabel icon={MagnifyingGlassIcon}>Search</NavLabel>
        </NavLink>
        <NavLink to="/settings/profile" className={navLinkClass}>
          <NavLabel icon={Cog6ToothIcon}>Profile</NavLabel>
        </NavLink>
        {isAdmin && (
          <NavLink to="/admin" className={navLinkClass}>
            <NavLabel icon={ShieldCheckIcon}>Admin</NavLabel>
          </NavLink>
        )}
      </nav>
      <Notice message={notice} className="mx-4 mt-3" />
      <NotificationPrompt />
      <div className="flex justify-end px-4 pt-3">
        <Button variant="secondary" size="sm" onClick={() => setCreatingGroup(true)}>
          <PlusIcon className="size-4" />
          New group
        </Button>
      </div>
      {creatingGroup && <NewGroupDialog onClose={() => setCreatingGroup(false)} />}
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ChatList onChatIntent={preloadChat} />
      </div>
    </>
  );
}
