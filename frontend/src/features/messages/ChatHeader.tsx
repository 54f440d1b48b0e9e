import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Chat, User } from '../../shared/api/types';
import { userProfilePath } from '../../shared/lib/paths';
import { describePresence } from '../../shared/lib/presence';
import { Button } from '../../shared/ui/Button';
import { BackToChatList } from '../../shared/ui/Page';
import { chatTitle, directPartner, GroupInfoPanel } from '../chats';
import { useLivePresence } from '../presence';

interface ChatHeaderProps {
  chat: Chat | undefined;
  currentUserId: string | undefined;
}

/** The chat's name, with the partner's profile for a direct chat or the group's info panel for a group. */
export function ChatHeader({ chat, currentUserId }: ChatHeaderProps) {
  const [infoOpen, setInfoOpen] = useState(false);
  const partner = chat?.type === 'direct' ? directPartner(chat, currentUserId) : undefined;
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
      <BackToChatList />
      <div className="min-w-0">
        <h1 id="chat-title" className="truncate text-lg font-semibold text-slate-900">
          {chat ? chatTitle(chat, currentUserId) : 'Chat'}
        </h1>
        {chat?.type === 'group' && <p className="text-xs text-slate-500">{chat.participants.length} members</p>}
        {partner && partner.id !== currentUserId && <PartnerPresence partner={partner} />}
      </div>
      <div className="ml-auto flex shrink-0 items-center gap-3">
        {chat && (
          <Link
            to={`/search?${new URLSearchParams({ chatId: chat.id }).toString()}`}
            aria-label="Search in this chat"
            title="Search in this chat"
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none"
          >
            <span aria-hidden="true">🔍</span> Search
          </Link>
        )}
        {partner && partner.id !== currentUserId && (
          <Link to={userProfilePath(partner.id)} className="text-sm font-medium text-blue-700 hover:underline">
            View profile
          </Link>
        )}
        {chat?.type === 'group' && currentUserId && (
          <>
            <Button variant="secondary" onClick={() => setInfoOpen(true)}>
              Group info
            </Button>
            {infoOpen && (
              <GroupInfoPanel chat={chat} currentUserId={currentUserId} onClose={() => setInfoOpen(false)} />
            )}
          </>
        )}
      </div>
    </header>
  );
}

/** "Online" with a green dot, or "Last seen …", following presence events. */
function PartnerPresence({ partner }: { partner: User }) {
  const presence = useLivePresence(partner);
  return (
    <p className="flex items-center gap-1 text-xs text-slate-500">
      <span
        aria-hidden="true"
        className={`inline-block size-2 rounded-full ${presence.online ? 'bg-green-500' : 'bg-slate-300'}`}
      />
      {describePresence(presence)}
    </p>
  );
}
