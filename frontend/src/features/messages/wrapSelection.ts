export interface TextSelection {
  text: string;
  start: number;
  end: number;
}

/**
 * Wraps the selected text in a formatting marker (`**` or `_`), keeping it selected; with nothing
 * selected, puts a pair of markers at the caret and the caret between them, ready to type into.
 */
export function wrapSelection({ text, start, end }: TextSelection, marker: string): TextSelection {
  const selected = text.slice(start, end);
  // Markers must hug the text to count (see formatting/chatMarkdown.ts), so surrounding spaces stay outside.
  const leading = selected.length - selected.trimStart().length;
  const trailing = selected.length - selected.trimEnd().length;
  const innerStart = start + (selected.trim() ? leading : 0);
  const innerEnd = end - (selected.trim() ? trailing : 0);
  const wrapped = `${text.slice(0, innerStart)}${marker}${text.slice(innerStart, innerEnd)}${marker}${text.slice(innerEnd)}`;
  return { text: wrapped, start: innerStart + marker.length, end: innerEnd + marker.length };
}
