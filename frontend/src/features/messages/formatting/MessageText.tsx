import { memo, type ReactNode } from 'react';
import { MentionText } from '../../mentions';
import { chatMarkdown, safeUrl } from './chatMarkdown';
import { renderTokens, type ElementRenderer, type LeafRenderer, type TokenRenderers } from './renderTokens';

// The bubble names the shade that reads on it (MessageBubble's --code-bg); a surface shade anywhere else.
const codeShade = 'rounded bg-[var(--code-bg,var(--color-surface-strong))]';

const inlineCode: LeafRenderer = (token) => (
  <code className={`${codeShade} px-1 font-mono text-[0.9em]`}>{token.content}</code>
);

/** A web or mail address opens in a new tab that can neither reach this one nor learn where it came from. */
const link: ElementRenderer = (open, children) => {
  const href = safeUrl(String(open.attrGet('href') ?? ''));
  // Any other address: the text stays, as text.
  if (!href) return children;
  return (
    <a
      href={href}
      title={open.attrGet('title')?.toString()}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="underline underline-offset-2 break-all"
    >
      {children}
    </a>
  );
};

const mentionText: LeafRenderer = (token) => <MentionText text={token.content} />;

const lineBreaks: TokenRenderers['leaves'] = {
  // The bubble keeps line ends as typed (white-space: pre-wrap).
  softbreak: () => '\n',
  hardbreak: () => <br />,
};

const messageRenderers: TokenRenderers = {
  elements: {
    p: (_, children) => <p className="[&:not(:last-child)]:mb-2">{children}</p>,
    strong: (_, children) => <strong>{children}</strong>,
    em: (_, children) => <em>{children}</em>,
    a: link,
    blockquote: (_, children) => <blockquote className="my-1 border-l-4 border-current/50 pl-2">{children}</blockquote>,
    ul: (_, children) => <ul className="my-1 list-disc pl-5">{children}</ul>,
    ol: (open, children) => (
      <ol start={Number(open.attrGet('start') ?? 1)} className="my-1 list-decimal pl-6">
        {children}
      </ol>
    ),
    li: (_, children) => <li>{children}</li>,
  },
  leaves: {
    ...lineBreaks,
    // Text outside code: the @names of the people the message mentions are highlighted (MentionedNamesContext).
    text: mentionText,
    code_inline: inlineCode,
    // No highlighting: the language after the fence names nothing. A long line scrolls rather than wraps, and the
    // block takes the focus so that the keyboard can scroll it too.
    fence: (token) => (
      <pre tabIndex={0} className={`my-1 overflow-x-auto ${codeShade} p-2 whitespace-pre [overflow-wrap:normal]`}>
        <code className="font-mono text-[0.9em]">{token.content}</code>
      </pre>
    ),
  },
};

/** Blocks flattened into one line, each followed by a space. */
const inline: ElementRenderer = (_, children) => <>{children} </>;

/** For an excerpt inside a button (the quoted message of a reply): inline formatting only, and no links. */
const excerptRenderers: TokenRenderers = {
  elements: {
    strong: messageRenderers.elements.strong,
    em: messageRenderers.elements.em,
    p: inline,
    blockquote: inline,
    ul: inline,
    ol: inline,
    li: inline,
  },
  leaves: {
    ...lineBreaks,
    text: mentionText,
    code_inline: inlineCode,
    fence: (token) => <>{inlineCode(token)} </>,
  },
};

interface MessageTextProps {
  content: string;
  /** A preview inside a control (the quoted message of a reply): formatting without blocks or links. */
  excerpt?: boolean;
}

/**
 * Message text with its Markdown formatting (chatMarkdown.ts says what it may hold, and why it is safe). Memoized
 * on the text: a message list re-renders its rows for receipts, reactions and presence, and parsing is the costly
 * part of a row.
 */
export const MessageText = memo(function MessageText({ content, excerpt = false }: MessageTextProps): ReactNode {
  return renderTokens(chatMarkdown.parse(content, {}), excerpt ? excerptRenderers : messageRenderers);
});
