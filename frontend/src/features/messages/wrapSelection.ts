export interface TextSelection {
  text: string;
  start: number;
  end: number;
}

/** What the composer's toolbar and shortcuts do to the selection. */
export type FormatAction = 'bold' | 'italic' | 'code' | 'quote';

/** The selection with the action applied, the formatted text still selected (see formatting/chatMarkdown.ts). */
export function applyFormat(selection: TextSelection, action: FormatAction): TextSelection {
  switch (action) {
    case 'bold':
      return wrapSelection(selection, '**');
    case 'italic':
      return wrapSelection(selection, '_');
    case 'code':
      return selected(selection).includes('\n') ? fenceSelection(selection) : wrapInBackticks(selection);
    case 'quote':
      return quoteLines(selection);
  }
}

const selected = ({ text, start, end }: TextSelection) => text.slice(start, end);

/**
 * Wraps the selected text in a formatting marker (`**` or `_`), keeping it selected; with nothing
 * selected, puts a pair of markers at the caret and the caret between them, ready to type into.
 */
export function wrapSelection({ text, start, end }: TextSelection, marker: string, padding = ''): TextSelection {
  const chosen = text.slice(start, end);
  // Markers must hug the text to count, so surrounding spaces stay outside.
  const leading = chosen.length - chosen.trimStart().length;
  const trailing = chosen.length - chosen.trimEnd().length;
  const innerStart = start + (chosen.trim() ? leading : 0);
  const innerEnd = end - (chosen.trim() ? trailing : 0);
  const opening = `${marker}${padding}`;
  const closing = `${padding}${marker}`;
  const wrapped = `${text.slice(0, innerStart)}${opening}${text.slice(innerStart, innerEnd)}${closing}${text.slice(innerEnd)}`;
  return { text: wrapped, start: innerStart + opening.length, end: innerEnd + opening.length };
}

/**
 * Inline code: one backtick more than the longest run inside, so code holding backticks stays whole; code starting
 * or ending with a backtick is padded with a space, which CommonMark strips again.
 */
function wrapInBackticks(selection: TextSelection): TextSelection {
  const code = selected(selection).trim();
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return wrapSelection(selection, '`'.repeat(longestRun + 1), /^`|`$/.test(code) ? ' ' : '');
}

/** Several lines become a code block, its fences on lines of their own. */
function fenceSelection({ text, start, end }: TextSelection): TextSelection {
  const before = start > 0 && text[start - 1] !== '\n' ? '\n' : '';
  const after = end < text.length && text[end] !== '\n' ? '\n' : '';
  const opening = `${before}\`\`\`\n`;
  const fenced = `${text.slice(0, start)}${opening}${text.slice(start, end)}\n\`\`\`${after}${text.slice(end)}`;
  return { text: fenced, start: start + opening.length, end: end + opening.length };
}

/** Every line the selection touches (the caret's line when nothing is selected) starts with `> `. */
function quoteLines({ text, start, end }: TextSelection): TextSelection {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // A selection ending right after a line end stops on that line, not the next one.
  const lastChar = end > start && text[end - 1] === '\n' ? end - 1 : end;
  const nextBreak = text.indexOf('\n', lastChar);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const quoted = text
    .slice(lineStart, lineEnd)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const result = `${text.slice(0, lineStart)}${quoted}${text.slice(lineEnd)}`;
  return start === end
    ? { text: result, start: start + 2, end: start + 2 }
    : { text: result, start: lineStart, end: lineStart + quoted.length };
}
