export interface HighlightSegment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const CONTEXT_BEFORE = 60;
const CONTEXT_AFTER = 160;

/** How PostgreSQL's "messenger" search configuration sees a word: no accents, lower case. */
export const foldWord = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words a query looks for: every plain or quoted word that is not negated and not an operator. */
export function searchedWords(query: string): string[] {
  const words: string[] = [];
  for (const token of query.matchAll(/(-?)"([^"]*)"?|(-?)([^\s"]+)/g)) {
    const negated = token[1] === '-' || token[3] === '-';
    const text = token[2] ?? token[4] ?? '';
    if (negated || /^or$/i.test(text)) continue;
    for (const word of text.match(WORD) ?? []) words.push(foldWord(word));
  }
  return words;
}

/**
 * The part of the message around its first match, cut into plain-text segments with the matches marked: clients
 * render them as text, so nothing in a message can ever become markup. The last word also matches as a prefix.
 */
export function highlight(content: string, words: string[], prefix: string | null): HighlightSegment[] {
  const wanted = new Set(words);
  const matches: { start: number; end: number }[] = [];
  for (const word of content.matchAll(WORD)) {
    const folded = foldWord(word[0]);
    if (wanted.has(folded) || (prefix && folded.startsWith(prefix))) {
      matches.push({ start: word.index, end: word.index + word[0].length });
    }
  }
  const from = Math.max(0, (matches[0]?.start ?? 0) - CONTEXT_BEFORE);
  const to = Math.min(content.length, from + CONTEXT_BEFORE + CONTEXT_AFTER);
  const segments: HighlightSegment[] = [];
  let cursor = from;
  const plain = (end: number) => {
    if (end > cursor) segments.push({ text: content.slice(cursor, end), match: false });
  };
  for (const match of matches) {
    if (match.start < from || match.end > to) continue;
    plain(match.start);
    segments.push({ text: content.slice(match.start, match.end), match: true });
    cursor = match.end;
  }
  plain(to);
  if (from > 0) segments.unshift({ text: '…', match: false });
  if (to < content.length) segments.push({ text: '…', match: false });
  return segments;
}
