import { EllipsisHorizontalIcon } from '@heroicons/react/20/solid';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Menu } from './Menu';

function renderMenu() {
  const onCopy = vi.fn<() => void>();
  const onShare = vi.fn<() => void>();
  render(
    <>
      <Menu
        label="More actions"
        icon={EllipsisHorizontalIcon}
        items={[
          { label: 'Copy', onSelect: onCopy },
          { label: 'Share', onSelect: onShare },
        ]}
      />
      <button type="button">Elsewhere</button>
    </>,
  );
  return { onCopy, onShare, user: userEvent.setup(), button: screen.getByRole('button', { name: 'More actions' }) };
}

describe('Menu', () => {
  it('opens from its button on the first item, and says it is open', async () => {
    const { user, button } = renderMenu();
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.click(button);

    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menu', { name: 'More actions' })).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Copy' })).toHaveFocus();
  });

  it('moves with the arrow keys, wrapping round, and runs the item chosen with Enter', async () => {
    const { onShare, user, button } = renderMenu();
    button.focus();

    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitem', { name: 'Share' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Copy' })).toHaveFocus();
    await user.keyboard('{End}{Enter}');

    expect(onShare).toHaveBeenCalledOnce();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('closes on Escape and gives the focus back to its button', async () => {
    const { onCopy, user, button } = renderMenu();
    await user.click(button);

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(onCopy).not.toHaveBeenCalled();
  });

  it('closes on a press outside it', async () => {
    const { user, button } = renderMenu();
    await user.click(button);

    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));

    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes on Tab, and the focus moves on from its button', async () => {
    const { user, button } = renderMenu();
    await user.click(button);

    await user.tab();

    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Elsewhere' })).toHaveFocus();
  });
});
