import type { ReactNode } from 'react';

/**
 * `**bold**`, or `_italic_` when the underscores are not inside a word (so snake_case stays
 * as written). Markers must hug their text: `2 ** 3 ** 4` is not bold.
 */
const MARKUP = /\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gsu;

/**
 * Message text as React nodes: bold and italic become <strong> and <em>, everything else
 * stays literal text, so markup such as `<script>` is shown, never interpreted.
 */
export function formatContent(content: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let textStart = 0;
  for (const match of content.matchAll(MARKUP)) {
    const [whole, bold, italic] = match;
    if (match.index > textStart) nodes.push(content.slice(textStart, match.index));
    const key = `${match.index}`;
    if (bold !== undefined) nodes.push(<strong key={key}>{formatContent(bold)}</strong>);
    else if (italic !== undefined) nodes.push(<em key={key}>{formatContent(italic)}</em>);
    textStart = match.index + whole.length;
  }
  if (textStart < content.length) nodes.push(content.slice(textStart));
  return nodes;
}
