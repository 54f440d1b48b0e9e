import MarkdownIt from 'markdown-it';

/**
 * The parser of message text, the one place that decides what a message may hold:
 * - `**bold**`, `_italic_` (and `*italic*`), `` `code` ``, fenced code blocks, `> quotes`, `-`/`*`/`1.` lists,
 *   `[links](https://…)`, `<https://…>`, and bare addresses (`https://…`, `www.…`, `example.com/a`,
 *   `ann@example.com`, found by linkify-it; `https://…` ones while parsing, so `https://x.com/_a_/` stays whole).
 * - Nothing else: HTML (shown as typed), headings, rules, indented code, images, reference definitions and
 *   character references (`&lt;` stays `&lt;`). A chat line starting with `#` stays a chat line.
 *
 * The parser only makes tokens; renderTokens.tsx turns them into React elements (never an HTML string) from a
 * fixed list of elements, and lets only http(s) and mailto addresses become links (`safeUrl`).
 *
 * The CommonMark preset caps nesting at 20 levels, so a hostile `>>>>…` or a deep list costs no stack or time
 * (what lies deeper is dropped). Parsing is linear in practice: the longest allowed message parses in milliseconds,
 * even pathological ones (MessageText.xss.test.tsx).
 *
 * Extending (mentions, for example): a core rule after `linkify` (`chatMarkdown.core.ruler.after('linkify', …)`)
 * splits the `text` tokens of each `inline` token's children into text and new tokens (say of type `mention`;
 * code is a `code_inline` or `fence` token, so it is never touched), and renderTokens.tsx renders the new type
 * through an entry in `leafRenderers`.
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
