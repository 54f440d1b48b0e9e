import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

function renderDialog() {
  const onClose = vi.fn<() => void>();
  render(
    <>
      <button type="button">Opener</button>
      <Dialog title="Settings" onClose={onClose}>
        <label>
          Name <input />
        </label>
        <button type="button">Save</button>
      </Dialog>
    </>,
  );
  return { onClose, user: userEvent.setup() };
}

describe('Dialog', () => {
  it('is named by its title, takes the focus and keeps Tab inside', () => {
    renderDialog();

    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveFocus();
    // Only the wrap-around is ours; the browser moves the focus between the elements in between.
    const save = screen.getByRole('button', { name: 'Save' });
    const close = screen.getByRole('button', { name: 'Close' });
    act(() => save.focus());
    fireEvent.keyDown(save, { key: 'Tab' });
    expect(close).toHaveFocus();
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(save).toHaveFocus();
  });

  it('closes on Escape', async () => {
    const { onClose, user } = renderDialog();

    await user.keyboard('{Escape}');

    expect(onClose).toHaveBeenCalledOnce();
  });
});
