import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { getErrorMessage } from '../../shared/api/errors';
import type { Chat, Message } from '@messenger/contract';
import { messagePath } from '../../shared/lib/paths';
import { fileSummary } from '../../shared/lib/fileSummary';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { runInBackground } from '../../shared/ui/toastStore';
import { Notice } from '../../shared/ui/Notice';
import { selectCurrentUser, useSessionStore } from '../auth';
import { GroupInfoPanel, selectChat, useChatsStore } from '../chats';
import { PinnedMessagesPanel } from '../pins';
import { notifyTyping, notifyTypingStopped, TypingIndicator } from '../typing';
import { ChatHeader, type ChatPanel } from './ChatHeader';
import { ChatUnavailable } from './ChatUnavailable';
import { Composer, type ComposerHandle } from './Composer';
import { DELETED_PLACEHOLDER } from './ReplyQuote';
import { loadLatestMessages, loadMessagesAround, togglePin } from './messageActions';
import { MessageList, type MessageFocus } from './MessageList';
import { useMessagesStore } from './messagesStore';
import { sendMessage } from './sendMessage';
import { useChatHistory } from './useChatHistory';

/** Where side panels sit beside the messages rather than over them (SidePanel's `lg:` breakpoint). */
const SIDE_BY_SIDE = '(min-width: 64rem)';

export const REMOVED_NOTICE = 'You are no longer in this group.';
const MESSAGE_GONE_NOTICE = 'That message is no longer available.';

interface ChatViewProps {
  chatId: string;
  /** From /chats/:chatId/messages/:messageId: bring this message into view and highlight it. */
  focusMessageId?: string;
}

/**
 * Where the "New messages" line goes: after what we had read when the chat was opened. Not above the very
 * first message: a line over the whole history (a chat never opened) tells nothing.
 */
function firstUnreadSeq(chat: Chat, currentUserId: string | undefined): number | null {
  if (chat.unreadCount <= 0) return null;
  const me = chat.participants.find((participant) => participant.user.id === currentUserId);
  const first = (me?.lastReadSeq ?? chat.lastSeq - chat.unreadCount) + 1;
  return first > 1 ? first : null;
}

/** One chat: its history, live updates and the composer. Mount it with `key={chatId}`. */
export function ChatView({ chatId, focusMessageId }: ChatViewProps) {
  const chat = useChatsStore(selectChat(chatId));
  const removed = useChatsStore((state) => state.removedChatId === chatId);
  const currentUserId = useSessionStore(selectCurrentUser)?.id;
  const navigate = useNavigate();
  const composer = useRef<ComposerHandle>(null);
  /** Files are dragged over the chat: it shows it takes them. */
  const [dragging, setDragging] = useState(false);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [panel, setPanel] = useState<ChatPanel | null>(null);
  const [focus, setFocus] = useState<MessageFocus | null>(
    focusMessageId ? { messageId: focusMessageId, nonce: 0 } : null,
  );
  // Fixed when the chat first shows, so the line stays put while new messages arrive.
  const [unreadFrom, setUnreadFrom] = useState<number | null | undefined>(undefined);
  if (chat && unreadFrom === undefined) setUnreadFrom(firstUnreadSeq(chat, currentUserId));

  // A new link to another message of this same chat.
  const [linkedMessageId, setLinkedMessageId] = useState(focusMessageId);
  if (focusMessageId !== linkedMessageId) {
    setLinkedMessageId(focusMessageId);
    if (focusMessageId) setFocus({ messageId: focusMessageId, nonce: (focus?.nonce ?? 0) + 1 });
  }
  const { loadError, setLoadError, unavailable, messageGone } = useChatHistory(chatId, linkedMessageId);

  // Leaving the chat stops our typing indicator there at once rather than after the server's 5 s.
  useEffect(() => () => notifyTypingStopped(chatId), [chatId]);

  /**
   * A quote jumps by the message's link, so the address can be copied and Back returns to where you were; to the
   * message already linked, it only brings it into view again.
   */
  function jumpTo(messageId: string) {
    if (messageId !== linkedMessageId) return void navigate(messagePath(chatId, messageId));
    setFocus({ messageId, nonce: (focus?.nonce ?? 0) + 1 });
    loadMessagesAround(chatId, messageId).catch((error: unknown) => setLoadError(getErrorMessage(error)));
  }

  function editLastOwnMessage() {
    const messages = useMessagesStore.getState().timelines[chatId]?.messages ?? [];
    const last = messages.findLast(
      (message) => message.sender?.id === currentUserId && message.type === 'text' && message.deletedAt === null,
    );
    if (last) setEditingId(last.id);
  }

  if (removed) return <Navigate to="/chats" replace state={{ notice: REMOVED_NOTICE }} />;
  if (unavailable) return <ChatUnavailable />;

  return (
    <section
      aria-labelledby="chat-title"
      className={`flex h-full min-h-0 flex-col bg-surface-muted ${dragging ? 'ring-4 ring-accent ring-inset' : ''}`}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        setDragging(false);
        if (!carriesFiles(event)) return;
        event.preventDefault();
        composer.current?.addFiles(event.dataTransfer.files);
      }}
    >
      <ChatHeader
        chat={chat}
        currentUserId={currentUserId}
        panel={panel}
        onTogglePanel={(toggled) => setPanel(panel === toggled ? null : toggled)}
      />
      <div className="relative flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="px-4 empty:hidden">
            <ErrorAlert message={loadError} />
            <Notice message={messageGone ? MESSAGE_GONE_NOTICE : null} className="mt-2" />
          </div>
          {chat ? (
            <>
              <MessageList
                chatId={chatId}
                currentUserId={currentUserId}
                moderator={chat.type === 'group' && chat.ownerId === currentUserId}
                firstUnreadSeq={unreadFrom ?? null}
                focus={focus}
                editingId={editingId}
                onEditingChange={setEditingId}
                onReply={setReplyTo}
                onJumpTo={jumpTo}
              />
              <TypingIndicator chat={chat} currentUserId={currentUserId} />
              <Composer
                ref={composer}
                mentionCandidates={mentionCandidates(chat, currentUserId)}
                onTyping={() => notifyTyping(chatId)}
                onStopTyping={() => notifyTypingStopped(chatId)}
                onEditLastMessage={editLastOwnMessage}
                replyTo={
                  replyTo && {
                    senderName: replyTo.sender?.displayName ?? 'Someone',
                    excerpt: replyTo.deletedAt
                      ? DELETED_PLACEHOLDER
                      : replyTo.content || (fileSummary(replyTo) ?? (replyTo.type === 'image' ? 'Image' : '')),
                  }
                }
                onCancelReply={() => setReplyTo(null)}
                onSend={(content, attachmentIds) => {
                  // Looking at older history, our message would land past a gap in what we hold: go to the newest first.
                  const atNewest = !useMessagesStore.getState().timelines[chatId]?.hasMoreAfter;
                  const ready = atNewest ? Promise.resolve() : loadLatestMessages(chatId).catch(() => undefined);
                  const replyToId = replyTo?.id;
                  void ready.then(() => sendMessage(chatId, content, replyToId, attachmentIds));
                  setReplyTo(null);
                }}
              />
            </>
          ) : (
            !loadError && <p className="p-4 text-sm text-fg-muted">Loading chat…</p>
          )}
        </div>
        {panel === 'info' && chat?.type === 'group' && currentUserId && (
          <GroupInfoPanel chat={chat} currentUserId={currentUserId} onClose={() => setPanel(null)} />
        )}
        {panel === 'pins' && (
          <PinnedMessagesPanel
            chatId={chatId}
            onClose={() => setPanel(null)}
            onJump={(messageId) => {
              jumpTo(messageId);
              // Over the messages (a narrow screen), the panel would hide the message it leads to.
              if (!window.matchMedia?.(SIDE_BY_SIDE).matches) setPanel(null);
            }}
            onUnpin={(message) => runInBackground(() => togglePin(message))}
          />
        )}
      </div>
    </section>
  );
}

/** Whom the composer's `@` suggests: the other participants whose accounts are active. */
function mentionCandidates(chat: Chat, currentUserId: string | undefined) {
  return chat.participants
    .map((participant) => participant.user)
    .filter((user) => user.id !== currentUserId && !user.deactivated);
}

/** Files dragged from the desktop, not text or a link dragged inside the page. */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}
