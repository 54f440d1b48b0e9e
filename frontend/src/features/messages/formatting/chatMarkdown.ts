import MarkdownIt from 'markdown-it';

/**
 * The parser of message text, the one place that decides what a message may hold:
 * - `**bold**`, `_italic_` (and `*italic*`), `` `code` ``, fenced code blocks, `> quotes`, `-`/`*`/`1.` lists,
 *   `[links](https://…)`, `<https://…>`, and bare addresses (`https://…`, `www.…`, `example.com/a`,
 *   `ann@example.com`, found by linkify-it; `https://…` ones while parsing, so `https://x.com/_a_/` stays whole).
 * - Nothing else: HTML (shown as typed), headings, rules, indented code, images, reference definitions and
 *   character references (`&lt;` stays `&lt;`). A chat line starting with `#` stays a chat line.
 *
 * The parser only makes tokens; renderTokens.ts turns them into React elements (never an HTML string) from a
 * fixed list of elements, and lets only http(s) and mailto addresses become links (`safeUrl`).
 *
 * The CommonMark preset caps nesting at 20 levels, so a hostile `>>>>…` or a deep list costs no stack or time
 * (what lies deeper is dropped). Parsing is linear in practice: the longest allowed message parses in milliseconds,
 * even pathological ones (MessageText.xss.test.tsx).
 *
 * Mentions hook in at the rendering: every `text` token (never code, which has token types of its own) renders as
 * MentionText, which highlights the @names that the MentionedNamesContext around the message holds. Another
 * text-level feature can do the same, or add a core rule here (`chatMarkdown.core.ruler.after('linkify', …)`) that
 * splits text tokens into new token types, rendered through `leaves` in MessageText.tsx.
 */
export const chatMarkdown = new MarkdownIt('commonmark', { html: false, linkify: true })
  .enable('linkify')
  .disable(['heading', 'lheading', 'hr', 'code', 'html_block', 'html_inline', 'image', 'reference', 'entity']);

// As before this parser: bare addresses without a scheme (`www.…`, `example.com/a`) are found too (markdown-it turns
// that off), but not ftp: or protocol-relative ones.
chatMarkdown.linkify.set({ fuzzyLink: true }).add('ftp:', null).add('//', null);

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The address itself when it is an absolute http(s) or mailto one, otherwise null. The browser's own URL parser
 * decides the scheme, so `JaVaScRiPt:`, `java\tscript:` or an encoded scheme cannot slip past; relative addresses are
 * refused too (markdown-it's own check only refuses a few known schemes).
 */
export function safeUrl(url: string): string | null {
  try {
    return SAFE_PROTOCOLS.has(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}
