import type { Token } from 'markdown-it';
import { createElement, Fragment, type ReactNode } from 'react';

/** Renders one element of the message (`p`, `a`, `ul` …) from its opening token and its rendered content. */
export type ElementRenderer = (open: Token, children: ReactNode) => ReactNode;
/** Renders a token that has no closing one: text, a line break, inline code, a code block. */
export type LeafRenderer = (token: Token) => ReactNode;

export interface TokenRenderers {
  /** By HTML tag. A tag without a renderer is left out and its content kept: nothing else becomes an element. */
  elements: Partial<Record<string, ElementRenderer>>;
  /** By token type. A type without a renderer shows its source as text. */
  leaves: Partial<Record<string, LeafRenderer>>;
}

interface OpenElement {
  token: Token;
  children: ReactNode[];
}

/**
 * markdown-it's token stream as React nodes. Tokens come flat, an element as an opening and a closing token with
 * its content between them, and inline content as the children of an `inline` token; a stack rebuilds the tree.
 * Only the renderers make elements, so the stream can never produce markup of its own.
 */
export function renderTokens(tokens: Token[], renderers: TokenRenderers): ReactNode[] {
  const content: ReactNode[] = [];
  const open: OpenElement[] = [];
  const add = (node: ReactNode, key: number) =>
    (open.at(-1)?.children ?? content).push(createElement(Fragment, { key }, node));

  tokens.forEach((token, index) => {
    if (token.nesting === 1) open.push({ token, children: [] });
    else if (token.nesting === -1) {
      const element = open.pop();
      if (element) add(renderElement(element, renderers), index);
    } else if (token.type === 'inline') add(renderTokens(token.children ?? [], renderers), index);
    else add((renderers.leaves[token.type] ?? showSource)(token), index);
  });
  return content;
}

const showSource: LeafRenderer = (token) => token.content;

function renderElement({ token, children }: OpenElement, renderers: TokenRenderers): ReactNode {
  // The paragraphs of a tight list are hidden: their text sits in the item itself.
  const render = token.hidden ? undefined : renderers.elements[token.tag];
  return render ? render(token, children) : children;
}
