import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** On phones the chat list and the main pane take turns: every main pane offers the way back. */
export function BackToChatList() {
  return (
    <Link
      to="/chats"
      className="rounded-sm text-sm font-medium text-blue-700 hover:underline focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none md:hidden"
    >
      <span aria-hidden="true">←</span> Back to chat list
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
    <div className="flex h-full min-h-0 flex-col bg-slate-50">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <BackToChatList />
        <Title className="text-lg font-semibold text-slate-900">{title}</Title>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4">{children}</div>
    </div>
  );
}
