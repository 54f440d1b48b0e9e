import { ArrowLeftIcon } from '@heroicons/react/20/solid';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { buttonClass } from './Button';

/** On phones the chat list and the main pane take turns: every main pane offers the way back. */
export function BackToChatList() {
  return (
    <Link
      to="/chats"
      aria-label="Back to chat list"
      title="Back to chat list"
      className={`${buttonClass('ghost', 'md', true)} -ml-2 md:hidden`}
    >
      <ArrowLeftIcon className="size-5" />
    </Link>
  );
}

interface PageProps {
  title: string;
  /** A page whose content names itself (a profile) keeps its h1 for that and shows the title as plain text. */
  titleAs?: 'h1' | 'p';
  children: ReactNode;
}

/** A main-pane page: a header with the way back and the title, and a scrolling body. */
export function Page({ title, titleAs: Title = 'h1', children }: PageProps) {
  return (
    <div className="flex h-full min-h-0 flex-col bg-surface-muted">
      <header className="flex items-center gap-2 border-b border-border bg-surface px-4 py-3">
        <BackToChatList />
        <Title className="min-w-0 truncate text-lg font-semibold text-fg">{title}</Title>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4">{children}</div>
    </div>
  );
}
