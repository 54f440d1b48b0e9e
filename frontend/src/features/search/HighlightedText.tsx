import { Fragment } from 'react';
import type { HighlightSegment } from '@messenger/contract';

/** Characters of context kept before the first match of a long message. */
const LEAD_CHARACTERS = 60;

/** A long message starts shortly before its first match, so that the match shows in the clamped snippet. */
export function trimToFirstMatch(segments: HighlightSegment[]): HighlightSegment[] {
  const first = segments.findIndex((segment) => segment.match);
  const before = segments.slice(0, Math.max(first, 0)).reduce((length, segment) => length + segment.text.length, 0);
  if (first <= 0 || before <= LEAD_CHARACTERS) return segments;
  let skip = before - LEAD_CHARACTERS;
  const lead: HighlightSegment[] = [{ text: '…', match: false }];
  for (const segment of segments.slice(0, first)) {
    if (skip < segment.text.length) lead.push({ ...segment, text: segment.text.slice(skip) });
    skip = Math.max(0, skip - segment.text.length);
  }
  return [...lead, ...segments.slice(first)];
}

/** The found words marked; everything stays plain text, whatever markup the message holds. */
export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  return trimToFirstMatch(segments).map((segment, index) =>
    segment.match ? (
      <mark key={index} className="rounded-sm bg-highlight px-0.5 text-inherit">
        {segment.text}
      </mark>
    ) : (
      <Fragment key={index}>{segment.text}</Fragment>
    ),
  );
}
