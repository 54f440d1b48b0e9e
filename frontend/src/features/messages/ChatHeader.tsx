import { InformationCircleIcon, MagnifyingGlassIcon, UserCircleIcon } from '@heroicons/react/20/solid';
import { Link } from 'react-router-dom';
import type { Chat, User } from '@messenger/contract';
import { userProfilePath } from '../../shared/lib/paths';
import { describePresence } from '../../shared/lib/presence';
import { buttonClass } from '../../shared/ui/Button';
import { IconButton } from '../../shared/ui/IconButton';
import { BackToChatList } from '../../shared/ui/Page';
import { chatTitle, directPartner } from '../chats';
import { PinnedMessagesButton } from '../pins';
import { useLivePresence } from '../presence';

interface ChatHeaderProps {
  chat: Chat | undefined;
  currentUserId: string | undefined;
  /** The side panel open beside or over the messages: the group's info or the pinned messages. */
  panel: ChatPanel | null;
  onTogglePanel: (panel: ChatPanel) => void;
}

export type ChatPanel = 'info' | 'pins';

/**
 * The chat's name, with its pinned messages, and the partner's profile for a direct chat or the button of the info
 * panel for a group.
 */
export function ChatHeader({ chat, currentUserId, panel, onTogglePanel }: ChatHeaderProps) {
  const partner = chat?.type === 'direct' ? directPartner(chat, currentUserId) : undefined;
  return (
    <header className="flex items-center gap-2 border-b border-border bg-surface px-4 py-3">
      <BackToChatList />
      <div className="min-w-0">
        <h1 id="chat-title" className="truncate text-lg font-semibold text-fg">
          {chat ? chatTitle(chat, currentUserId) : 'Chat'}
        </h1>
        {chat?.type === 'group' && <p className="text-xs text-fg-muted">{chat.participants.length} members</p>}
        {partner && partner.id !== currentUserId && <PartnerPresence partner={partner} />}
      </div>
      <div className="ml-auto flex shrink-0 items-center gap-1">
        {chat && (
          <PinnedMessagesButton chatId={chat.id} expanded={panel === 'pins'} onToggle={() => onTogglePanel('pins')} />
        )}
        {chat && (
          <Link
            to={`/search?${new URLSearchParams({ chatId: chat.id }).toString()}`}
            aria-label="Search in this chat"
            title="Search in this chat"
            className={buttonClass('ghost', 'md', true)}
          >
            <MagnifyingGlassIcon className="size-5" />
          </Link>
        )}
        {partner && partner.id !== currentUserId && (
          <Link
            to={userProfilePath(partner.id)}
            aria-label="View profile"
            title="View profile"
            className={buttonClass('ghost', 'md', true)}
          >
            <UserCircleIcon className="size-5" />
          </Link>
        )}
        {chat?.type === 'group' && currentUserId && (
          <IconButton
            label="Group info"
            icon={InformationCircleIcon}
            aria-expanded={panel === 'info'}
            onClick={() => onTogglePanel('info')}
          />
        )}
      </div>
    </header>
  );
}

/** "Online" with a green dot, or "Last seen …", following presence events. */
function PartnerPresence({ partner }: { partner: User }) {
  const presence = useLivePresence(partner);
  return (
    <p className="flex items-center gap-1 text-xs text-fg-muted">
      <span
        aria-hidden="true"
        className={`inline-block size-2 rounded-full ${presence.online ? 'bg-success' : 'bg-border-strong'}`}
      />
      {describePresence(presence)}
    </p>
  );
}
