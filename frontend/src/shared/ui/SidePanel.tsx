import { useId, useRef, type ReactNode } from 'react';
import { PanelTitle, useFocusWhileOpen } from './PanelTitle';

const FOCUS_TARGETS = ['[data-close]'];

interface SidePanelProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A non-modal panel at the right of its (relative) container: beside the content on wide screens, over it on
 * narrow ones. The focus moves to its Close button on opening and back on closing; Escape inside it closes it.
 */
export function SidePanel({ title, onClose, children }: SidePanelProps) {
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  useFocusWhileOpen(panel, FOCUS_TARGETS);

  return (
    <section
      ref={panel}
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      className="absolute inset-y-0 right-0 z-20 flex w-full max-w-sm flex-col gap-3 overflow-y-auto border-l border-border bg-surface p-4 shadow-xl lg:static lg:z-auto lg:w-80 lg:shrink-0 lg:shadow-none"
    >
      <PanelTitle id={titleId} title={title} onClose={onClose} />
      {children}
    </section>
  );
}
