import { Fragment, type ReactNode } from 'react';
import type { HighlightSegment } from '@messenger/contract';
import { MentionText } from '../mentions';

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

/** The stretch [from, to) of the segments' text, with the found words in it marked. */
function markMatches(segments: HighlightSegment[], from: number, to: number): ReactNode[] {
  const shown: ReactNode[] = [];
  let offset = 0;
  segments.forEach((segment, index) => {
    const start = Math.max(from, offset);
    const end = Math.min(to, offset + segment.text.length);
    if (start < end) {
      const text = segment.text.slice(start - offset, end - offset);
      shown.push(
        segment.match ? (
          <mark key={index} className="rounded-sm bg-highlight px-0.5 text-inherit">
            {text}
          </mark>
        ) : (
          <Fragment key={index}>{text}</Fragment>
        ),
      );
    }
    offset += segment.text.length;
  });
  return shown;
}

/**
 * The found words marked, and the people the message mentions as its bubble shows them (MentionedNamesContext): a
 * found word inside a mention stays marked within it. Everything stays plain text, whatever markup the message holds.
 */
export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  const shown = trimToFirstMatch(segments);
  return (
    <MentionText
      text={shown.map((segment) => segment.text).join('')}
      renderText={(stretch, start) => markMatches(shown, start, start + stretch.length)}
    />
  );
}
