import { useLayoutEffect, useRef } from 'react';

const PINNED_SLACK_PX = 48;

interface ScrollAnchors {
  /** Changes when older messages are added on top. */
  firstKey: string | undefined;
  /** Changes when a message is added at the bottom. */
  lastKey: string | undefined;
  /** The newest message is our own: we just wrote it, so show it. */
  lastIsOwn: boolean;
}

/**
 * Keeps a scrolling list at its newest entry while the reader is there, and keeps what they
 * are reading in place when they have scrolled up and older entries load above it.
 */
export function useStickToBottom<T extends HTMLElement>({ firstKey, lastKey, lastIsOwn }: ScrollAnchors) {
  const ref = useRef<T>(null);
  const pinned = useRef(true);
  const distanceFromBottom = useRef(0);
  const previous = useRef({ firstKey, lastKey });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const olderLoaded = previous.current.firstKey !== firstKey;
    const ownAdded = lastIsOwn && previous.current.lastKey !== lastKey;
    previous.current = { firstKey, lastKey };
    if (pinned.current || ownAdded) element.scrollTop = element.scrollHeight;
    else if (olderLoaded) element.scrollTop = element.scrollHeight - element.clientHeight - distanceFromBottom.current;
  }, [firstKey, lastKey, lastIsOwn]);

  function onScroll() {
    const element = ref.current;
    if (!element) return;
    distanceFromBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight;
    pinned.current = distanceFromBottom.current <= PINNED_SLACK_PX;
  }

  return { ref, onScroll };
}
