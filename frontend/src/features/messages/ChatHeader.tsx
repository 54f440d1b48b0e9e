import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Chat, User } from '../../shared/api/types';
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
      {partner && partner.id !== currentUserId && (
        <Link
          to={`/users/${encodeURIComponent(partner.id)}`}
          className="ml-auto shrink-0 text-sm font-medium text-blue-700 hover:underline"
        >
          View profile
        </Link>
      )}
      {chat?.type === 'group' && currentUserId && (
        <>
          <Button variant="secondary" className="ml-auto shrink-0" onClick={() => setInfoOpen(true)}>
            Group info
          </Button>
          {infoOpen && <GroupInfoPanel chat={chat} currentUserId={currentUserId} onClose={() => setInfoOpen(false)} />}
        </>
      )}
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
