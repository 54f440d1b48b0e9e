import { useState } from 'react';
import { fileSummary } from '../../shared/lib/fileSummary';
import type { ChatTimeline } from './timeline';

interface Newest {
  seq: number | undefined;
  /** Whether the timeline held the chat's newest messages then, rather than a page of older history. */
  atNewest: boolean;
}

/**
 * Says politely to screen readers who wrote what, as messages from others arrive in the open chat. The message
 * log itself stays silent: virtualised, it would also read out every page of history loaded while scrolling.
 */
export function IncomingAnnouncer({ timeline, currentUserId }: { timeline: ChatTimeline; currentUserId?: string }) {
  const newestMessage = timeline.messages.at(-1);
  const current: Newest = { seq: newestMessage?.seq, atNewest: timeline.loaded && !timeline.hasMoreAfter };
  const [previous, setPrevious] = useState<Newest>(current);
  const [announcement, setAnnouncement] = useState('');

  if (current.seq !== previous.seq || current.atNewest !== previous.atNewest) {
    setPrevious(current);
    const arrived =
      newestMessage &&
      previous.atNewest &&
      current.atNewest &&
      previous.seq !== undefined &&
      newestMessage.seq > previous.seq &&
      newestMessage.sender?.id !== currentUserId;
    if (arrived) {
      const text =
        newestMessage.content || (fileSummary(newestMessage) ?? (newestMessage.attachments.length > 0 ? 'Image' : ''));
      setAnnouncement(newestMessage.sender ? `${newestMessage.sender.displayName}: ${text}` : text);
    }
  }

  return (
    <p role="status" className="sr-only">
      {announcement}
    </p>
  );
}
