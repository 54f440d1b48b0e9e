import { useRef, useState, type PointerEvent } from 'react';
import type { Message } from '@messenger/contract';
import { MentionedNamesContext, useMentionedNames } from '../mentions';
import { runInBackground } from '../../shared/ui/toastStore';
import { copyMessageText, ManualCopyLink, useCopyMessageLink } from './copyMessageLink';
import { MessageActions } from './MessageActions';
import { deleteMessage, editMessage, toggleReaction, togglePin } from './messageActions';
import { MessageBubble } from './MessageBubble';
import { MessageEditor } from './MessageEditor';
import { MessageAttachments } from './MessageAttachments';
import { PinnedMark } from './PinnedMark';
import { ReactionChips } from './ReactionChips';
import { ReceiptStatus } from './ReceiptStatus';
import { DELETED_PLACEHOLDER, ReplyQuote } from './ReplyQuote';
import { MessageText } from './formatting/MessageText';
import { SystemNote } from './SystemNote';

const LONG_PRESS_MS = 500;

export interface MessageItemProps {
  message: Message;
  currentUserId: string | undefined;
  /** The group owner may delete anyone's message. */
  moderator: boolean;
  editing: boolean;
  highlighted: boolean;
  onEditingChange: (editing: boolean) => void;
  onReply: (message: Message) => void;
  onJumpTo: (messageId: string) => void;
}

export function MessageItem(props: MessageItemProps) {
  const { message, currentUserId, moderator, editing, highlighted, onEditingChange, onReply, onJumpTo } = props;
  const [pressedOpen, setPressedOpen] = useState(false);
  const pressTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const link = useCopyMessageLink(message.chatId, message.id);
  const mentioned = useMentionedNames(message.chatId, message.mentions, currentUserId);

  if (message.type === 'system') return <SystemNote message={message} onJumpTo={onJumpTo} />;

  const own = message.sender !== null && message.sender.id === currentUserId;
  const deleted = message.deletedAt !== null;

  // A long press opens the toolbar on touch screens, where there is no hover.
  const startPress = (event: PointerEvent) => {
    if (event.pointerType !== 'touch') return;
    pressTimer.current = setTimeout(() => setPressedOpen((open) => !open), LONG_PRESS_MS);
  };
  const cancelPress = () => clearTimeout(pressTimer.current);

  const content = editing ? (
    <MessageEditor
      initialContent={message.content}
      onCancel={() => onEditingChange(false)}
      onSave={(text) => {
        onEditingChange(false);
        runInBackground(() => editMessage(message.id, text));
      }}
    />
  ) : deleted ? (
    <em>{DELETED_PLACEHOLDER}</em>
  ) : message.attachments.length > 0 ? (
    <>
      <MessageAttachments attachments={message.attachments} caption={message.content} />
      {message.content && <MessageText content={message.content} />}
    </>
  ) : (
    <MessageText content={message.content} />
  );

  return (
    <div
      className={`flex flex-col ${own ? 'items-end' : 'items-start'}`}
      onPointerDown={startPress}
      onPointerUp={cancelPress}
      onPointerLeave={cancelPress}
    >
      <MessageBubble
        own={own}
        sender={own ? null : message.sender}
        createdAt={message.createdAt}
        highlighted={highlighted}
        quote={
          message.replyTo && (
            <ReplyQuote
              chatId={message.chatId}
              reply={message.replyTo}
              currentUserId={currentUserId}
              own={own}
              onJump={onJumpTo}
            />
          )
        }
        content={<MentionedNamesContext value={mentioned}>{content}</MentionedNamesContext>}
        status={
          <>
            {message.editedAt && !deleted && 'edited'}
            {message.pinnedAt && <PinnedMark pinnedBy={message.pinnedBy} />}
            {own && !deleted && <ReceiptStatus message={message} currentUserId={currentUserId} />}
          </>
        }
        reactions={
          !deleted &&
          currentUserId && (
            <ReactionChips
              reactions={message.reactions}
              currentUserId={currentUserId}
              onToggle={(emoji) => runInBackground(() => toggleReaction(message, emoji, currentUserId))}
            />
          )
        }
        actions={
          !deleted &&
          !editing &&
          currentUserId && (
            <MessageActions
              own={own}
              keptOpen={pressedOpen}
              pinned={message.pinnedAt !== null}
              canEdit={own && message.type === 'text'}
              canDelete={own || moderator}
              onReply={() => onReply(message)}
              onEdit={() => onEditingChange(true)}
              onDelete={() => runInBackground(() => deleteMessage(message.id))}
              onReact={(emoji) => runInBackground(() => toggleReaction(message, emoji, currentUserId))}
              onTogglePin={() => runInBackground(() => togglePin(message))}
              onCopyLink={link.copyLink}
              onCopyText={message.content ? () => copyMessageText(message.content) : undefined}
            />
          )
        }
      />
      <ManualCopyLink url={link.manualUrl} onDismiss={link.dismiss} />
    </div>
  );
}
