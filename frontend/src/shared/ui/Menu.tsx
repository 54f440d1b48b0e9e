import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { ButtonSize } from './Button';
import { iconSizeClass, type Icon } from './Icon';
import { IconButton } from './IconButton';

export interface MenuItem {
  label: string;
  icon?: Icon;
  onSelect: () => void;
  tone?: 'danger';
}

interface MenuProps {
  /** Names the button and the menu, e.g. "More actions". */
  label: string;
  icon: Icon;
  items: readonly MenuItem[];
  size?: ButtonSize;
}

const GAP_PX = 4;
const UNPLACED: CSSProperties = { opacity: 0 };

/**
 * The WAI-ARIA menu button: the arrow keys move between the items (Home and End to the ends), Escape closes the
 * menu and gives the focus back to its button, Tab closes it and moves on, and a press outside closes it.
 * The menu is fixed to the viewport, so a scrolling list around the button cannot clip it; scrolling closes it.
 */
export function Menu({ label, icon, items, size = 'md' }: MenuProps) {
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  // Transparent, not hidden, until placed: the first item takes the focus as the menu opens.
  const [position, setPosition] = useState<CSSProperties>(UNPLACED);
  const open = activeIndex !== null;

  const openAt = (index: number) => setActiveIndex((index + items.length) % items.length);
  const close = (returnFocus: boolean) => {
    if (returnFocus) button.current?.focus();
    setActiveIndex(null);
  };

  useEffect(() => {
    if (activeIndex === null) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[activeIndex]?.focus();
  }, [activeIndex]);

  // Below the button, or above it when the viewport has no room below; from the button's left edge, moved left
  // as far as needed to stay inside the viewport.
  useLayoutEffect(() => {
    const anchor = button.current?.getBoundingClientRect();
    if (!open || !anchor) {
      setPosition(UNPLACED);
      return;
    }
    const height = menu.current?.offsetHeight ?? 0;
    const width = menu.current?.offsetWidth ?? 0;
    const fitsBelow = anchor.bottom + GAP_PX + height <= window.innerHeight;
    setPosition({
      left: Math.max(GAP_PX, Math.min(anchor.left, window.innerWidth - width - GAP_PX)),
      ...(fitsBelow ? { top: anchor.bottom + GAP_PX } : { bottom: window.innerHeight - anchor.top + GAP_PX }),
    });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const closeFromOutside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setActiveIndex(null);
    };
    const closeOnScroll = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) setActiveIndex(null);
    };
    document.addEventListener('pointerdown', closeFromOutside);
    document.addEventListener('scroll', closeOnScroll, true);
    return () => {
      document.removeEventListener('pointerdown', closeFromOutside);
      document.removeEventListener('scroll', closeOnScroll, true);
    };
  }, [open]);

  function handleButtonKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 0 : -1);
    }
  }

  function handleMenuKeyDown(event: KeyboardEvent) {
    if (activeIndex === null) return;
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: -1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      openAt(target);
    } else if (event.key === 'Escape') {
      // A menu inside a dialog closes alone; the dialog stays.
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      // From the button, the browser's own Tab then moves on to the next control.
      close(true);
    }
  }

  return (
    <div ref={root} className="relative">
      <IconButton
        ref={button}
        label={label}
        icon={icon}
        size={size}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(true) : openAt(0))}
        onKeyDown={handleButtonKeyDown}
      />
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          style={position}
          onKeyDown={handleMenuKeyDown}
          className="fixed z-30 flex min-w-44 flex-col rounded-md border border-border bg-surface-raised py-1 shadow-lg"
        >
          {items.map(({ label: itemLabel, icon: ItemIcon, onSelect, tone }) => (
            <button
              key={itemLabel}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                close(true);
                onSelect();
              }}
              className={`flex items-center gap-2 px-3 py-2 text-left text-sm whitespace-nowrap -outline-offset-2 hover:bg-surface-hover focus:bg-surface-hover ${
                tone === 'danger' ? 'text-fg-danger' : 'text-fg'
              }`}
            >
              {ItemIcon && <ItemIcon className={iconSizeClass.md} />}
              {itemLabel}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
