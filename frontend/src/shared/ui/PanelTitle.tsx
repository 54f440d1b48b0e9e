import { XMarkIcon } from '@heroicons/react/20/solid';
import { useEffect, type RefObject } from 'react';
import { IconButton } from './IconButton';

interface PanelTitleProps {
  id: string;
  title: string;
  onClose: () => void;
}

/** The heading that names a dialog or side panel, with its Close button. */
export function PanelTitle({ id, title, onClose }: PanelTitleProps) {
  return (
    <div className="flex items-center justify-between gap-2">
      <h2 id={id} className="text-lg font-semibold text-fg">
        {title}
      </h2>
      <IconButton label="Close" icon={XMarkIcon} data-close onClick={onClose} />
    </div>
  );
}

/**
 * Moves the focus into a panel as it opens, to the first element matching one of `targets` in turn, and back to
 * where it was when the panel closes.
 */
export function useFocusWhileOpen(panel: RefObject<HTMLElement | null>, targets: readonly string[]): void {
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    for (const selector of targets) {
      const target = panel.current?.querySelector<HTMLElement>(selector);
      if (target) {
        target.focus();
        break;
      }
    }
    return () => previous?.focus();
    // Both are fixed for a panel's lifetime (a ref, a module constant): this runs on opening and closing only.
  }, [panel, targets]);
}
