import { useEffect, useMemo, useRef, useState } from 'react';
import { Virtuoso, type IndexLocationWithAlign, type VirtuosoHandle } from 'react-virtuoso';
import type { Message } from '@messenger/contract';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { loadEarlierMessages, loadLatestMessages, loadLaterMessages } from './messageActions';
import { IncomingAnnouncer } from './IncomingAnnouncer';
import { MessageItem } from './MessageItem';
import { selectTimeline, useMessagesStore } from './messagesStore';
import { OutgoingItem } from './OutgoingItem';
import { reportSeen } from './readReceipts';
import { retryMessage } from './sendMessage';
import { buildTimelineRows, firstMessageIndex, highestSeqFromOthers, type TimelineRow } from './timelineRows';
import {
  DaySeparator,
  TimelineFooter,
  TimelineHeader,
  TimelineItem,
  TimelineList,
  UnreadMarker,
  type PagingContext,
} from './virtuosoParts';

/** Virtuoso's item indexes must stay positive as older pages are prepended (its firstItemIndex pattern). */
const START_INDEX = 1_000_000;

/** A request to bring a message into view and highlight it; `nonce` makes a repeated request count again. */
export interface MessageFocus {
  messageId: string;
  nonce: number;
}

interface MessageListProps {
  chatId: string;
  currentUserId: string | undefined;
  moderator: boolean;
  /** The "New messages" line goes above the first message with this seq or higher. */
  firstUnreadSeq: number | null;
  focus: MessageFocus | null;
  /** The message open in its editor: the chat opens it too, from the composer's ArrowUp. */
  editingId: string | null;
  onEditingChange: (messageId: string | null) => void;
  onReply: (message: Message) => void;
  onJumpTo: (messageId: string) => void;
}

export function MessageList(props: MessageListProps) {
  const { chatId, currentUserId, moderator, firstUnreadSeq, focus, editingId, onEditingChange, onReply, onJumpTo } =
    props;
  const timeline = useMessagesStore(selectTimeline(chatId));
  const paging = useAsyncAction();
  const virtuoso = useRef<VirtuosoHandle>(null);
  const scrolledFocus = useRef<number | null>(null);

  const rows = useMemo(
    () => buildTimelineRows(timeline?.messages ?? [], timeline?.outbox ?? [], firstUnreadSeq),
    [timeline?.messages, timeline?.outbox, firstUnreadSeq],
  );

  // Older rows prepended above the first message lower firstItemIndex by as many, so Virtuoso keeps the view still.
  const first = firstMessageIndex(rows);
  const [anchor, setAnchor] = useState({ ...first, firstItemIndex: START_INDEX });
  if (first.key !== anchor.key || first.index !== anchor.index) {
    const previousAt = rows.findIndex((row) => row.key === anchor.key);
    const shift = anchor.key !== undefined && previousAt >= 0 ? previousAt - anchor.index : 0;
    setAnchor({ ...first, firstItemIndex: anchor.firstItemIndex - shift });
  }

  const focusIndex = focus ? rows.findIndex((row) => row.key === focus.messageId) : -1;
  const unreadIndex = rows.findIndex((row) => row.kind === 'unread');

  // Where the list opens, decided once when the history arrives: Virtuoso would act on every new value.
  const [initialLocation, setInitialLocation] = useState<IndexLocationWithAlign | null>(null);
  if (timeline?.loaded && initialLocation === null) {
    setInitialLocation(
      focusIndex >= 0
        ? { index: focusIndex, align: 'center' }
        : unreadIndex >= 0
          ? { index: unreadIndex, align: 'start' }
          : { index: 'LAST', align: 'end' },
    );
  }
  useEffect(() => {
    if (!focus || focusIndex < 0 || scrolledFocus.current === focus.nonce) return;
    scrolledFocus.current = focus.nonce;
    virtuoso.current?.scrollToIndex({ index: focusIndex, align: 'center' });
  }, [focus, focusIndex]);

  if (!timeline?.loaded || !initialLocation) {
    return <div role="log" aria-label="Messages" aria-live="off" className="min-h-0 flex-1" />;
  }

  const lastIsOwn = rows.at(-1)?.kind === 'outgoing';
  const loadEarlier = () => {
    if (timeline.hasMoreBefore && !paging.pending) paging.run(() => loadEarlierMessages(chatId));
  };
  const loadLater = () => {
    if (timeline.hasMoreAfter && !paging.pending) paging.run(() => loadLaterMessages(chatId));
  };

  const renderRow = (row: TimelineRow) => {
    switch (row.kind) {
      case 'day':
        // A named separator, so that moving through the log says which day the next messages are from.
        return (
          <div role="separator" aria-label={row.label}>
            <DaySeparator label={row.label} />
          </div>
        );
      case 'unread':
        return <UnreadMarker />;
      case 'outgoing':
        return (
          <OutgoingItem outgoing={row.outgoing} onRetry={() => void retryMessage(chatId, row.outgoing.clientMsgId)} />
        );
      case 'message':
        return (
          <MessageItem
            message={row.message}
            currentUserId={currentUserId}
            moderator={moderator}
            editing={editingId === row.message.id}
            highlighted={focus?.messageId === row.message.id}
            onEditingChange={(editing) => onEditingChange(editing ? row.message.id : null)}
            onReply={onReply}
            onJumpTo={onJumpTo}
          />
        );
    }
  };

  return (
    <>
      {/* Silent: IncomingAnnouncer says what arrives, not every page of history scrolled into the list. */}
      <div role="log" aria-label="Messages" aria-live="off" className="flex min-h-0 flex-1 flex-col">
        <ErrorAlert message={paging.error} />
        {rows.length === 0 && <p className="p-4 text-center text-sm text-fg-muted">No messages yet. Say hello!</p>}
        <Virtuoso<TimelineRow, PagingContext>
          ref={virtuoso}
          className="min-h-0 flex-1"
          data={rows}
          firstItemIndex={anchor.firstItemIndex}
          initialTopMostItemIndex={initialLocation}
          computeItemKey={(_, row) => row.key}
          // A chat shows in its final place sooner: rows measured are applied in the frame they were measured in,
          // and a typical row height saves the probe render (chat switch 162 → 94 ms at p50, tools/web-perf).
          defaultItemHeight={80}
          skipAnimationFrameInResizeObserver
          itemContent={(_, row) => renderRow(row)}
          rangeChanged={({ startIndex, endIndex }) => {
            // Virtuoso counts from firstItemIndex; tolerate zero-based ranges too (its test mode).
            const offset = startIndex >= anchor.firstItemIndex ? anchor.firstItemIndex : 0;
            const seq = highestSeqFromOthers(rows.slice(startIndex - offset, endIndex - offset + 1), currentUserId);
            if (seq !== null) reportSeen(chatId, seq);
          }}
          startReached={loadEarlier}
          endReached={loadLater}
          // Follow new messages while at the bottom, and always bring our own into view.
          followOutput={(atBottom) => (atBottom || lastIsOwn ? 'auto' : false)}
          context={{
            hasMoreBefore: timeline.hasMoreBefore,
            hasMoreAfter: timeline.hasMoreAfter,
            pending: paging.pending,
            loadEarlier,
            loadLater,
            jumpToLatest: () => paging.run(() => loadLatestMessages(chatId)),
          }}
          components={{ List: TimelineList, Item: TimelineItem, Header: TimelineHeader, Footer: TimelineFooter }}
        />
      </div>
      <IncomingAnnouncer timeline={timeline} currentUserId={currentUserId} />
    </>
  );
}
