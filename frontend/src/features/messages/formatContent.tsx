import LinkifyIt from 'linkify-it';
import type { ReactNode } from 'react';
import { MentionText } from '../mentions';

/**
 * `**bold**`, or `_italic_` when the underscores are not inside a word (so snake_case stays
 * as written). Markers must hug their text: `2 ** 3 ** 4` is not bold.
 */
const MARKUP = /\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gsu;

/**
 * Web addresses (also bare ones such as `example.com/a`) and e-mail addresses. Only http(s) and mailto can become
 * an href: linkify-it never matches `javascript:` or `data:`, and the two other schemas it knows are removed.
 */
const links = new LinkifyIt().add('ftp:', null).add('//', null);

/**
 * Message text as React nodes: bold and italic become <strong> and <em>, addresses become links that open in a
 * new tab without giving it access to this one, everything else stays literal text, so markup such as
 * `<script>` is shown, never interpreted.
 */
export function formatContent(content: string): ReactNode[] {
  const linkRanges = (links.match(content) ?? []).map((link) => [link.index, link.lastIndex] as const);
  // An address is never cut by markup: `https://x.com/_a_` keeps its underscores, and the address stays whole.
  const cutsALink = (start: number, end: number) =>
    linkRanges.some(([from, to]) => start < to && end > from && !(start <= from && end >= to));

  const nodes: ReactNode[] = [];
  let textStart = 0;
  for (const match of content.matchAll(MARKUP)) {
    const [whole, bold, italic] = match;
    if (match.index < textStart || cutsALink(match.index, match.index + whole.length)) continue;
    if (match.index > textStart) nodes.push(...withLinks(content.slice(textStart, match.index), textStart));
    const key = `${match.index}`;
    if (bold !== undefined) nodes.push(<strong key={key}>{formatContent(bold)}</strong>);
    else if (italic !== undefined) nodes.push(<em key={key}>{formatContent(italic)}</em>);
    textStart = match.index + whole.length;
  }
  if (textStart < content.length) nodes.push(...withLinks(content.slice(textStart), textStart));
  return nodes;
}

/**
 * Plain text with its addresses as links, and the rest as MentionText (mentions highlighted); `offset` keeps the keys
 * unique within the message.
 */
function withLinks(text: string, offset: number): ReactNode[] {
  const nodes: ReactNode[] = [];
  const plain = (from: number, to?: number) =>
    nodes.push(<MentionText key={`text-${offset + from}`} text={text.slice(from, to)} />);
  let textStart = 0;
  for (const link of links.match(text) ?? []) {
    if (link.index > textStart) plain(textStart, link.index);
    nodes.push(
      <a
        key={`link-${offset + link.index}`}
        href={link.url}
        target="_blank"
        rel="noopener noreferrer"
        className="underline underline-offset-2 break-all"
      >
        {link.text}
      </a>,
    );
    textStart = link.lastIndex;
  }
  if (textStart < text.length) plain(textStart);
  return nodes;
}
