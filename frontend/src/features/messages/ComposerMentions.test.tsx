import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';

const people = [
  { id: 'u2', username: 'bob', displayName: 'Bob Stone' },
  { id: 'u3', username: 'bea.k', displayName: 'Beatrice King' },
  { id: 'u4', username: 'carol', displayName: 'Carol Bell' },
];

function renderComposer() {
  const onSend = vi.fn<(content: string) => void>();
  const onCancelReply = vi.fn<() => void>();
  render(
    <Composer
      onSend={onSend}
      mentionCandidates={people}
      replyTo={{ senderName: 'Bob', excerpt: 'hello' }}
      onCancelReply={onCancelReply}
    />,
  );
  const input = screen.getByLabelText<HTMLTextAreaElement>('Message');
  return { onSend, onCancelReply, input, user: userEvent.setup() };
}

const options = () => within(screen.getByRole('listbox', { name: 'People to mention' })).getAllByRole('option');
const names = () => options().map((option) => option.textContent);

describe('mention suggestions in the composer', () => {
  it('suggests participants after @, usernames first, and narrows as you type', async () => {
    const { input, user } = renderComposer();
    expect(input).toHaveAttribute('aria-autocomplete', 'list');

    await user.type(input, 'hi @');
    expect(names()).toEqual(['Beatrice King@bea.k', 'Bob Stone@bob', 'Carol Bell@carol']);
    await user.type(input, 'b');
    // Usernames starting with "b", then Carol, whose display name has a word that does.
    expect(names()).toEqual(['Beatrice King@bea.k', 'Bob Stone@bob', 'Carol Bell@carol']);
    await user.type(input, 'o');
    expect(names()).toEqual(['Bob Stone@bob']);
    expect(screen.getByRole('status')).toHaveTextContent('1 person to mention');
  });

  it('moves with the arrow keys and picks with Enter, which does not send', async () => {
    const { onSend, input, user } = renderComposer();
    await user.type(input, 'hi @b');
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options()[0]?.id);
    expect(input).toHaveAttribute('aria-controls', screen.getByRole('listbox').id);

    await user.keyboard('{ArrowDown}');
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options()[1]?.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');

    expect(input).toHaveValue('hi @bob ');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(input).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('there{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('hi @bob there');
  });

  it('picks with Tab, and replaces the whole name when the caret is inside it', async () => {
    const { input, user } = renderComposer();
    await user.type(input, '@carxx, see');
    await user.click(input);
    input.setSelectionRange(4, 4);
    await user.keyboard('{ArrowLeft}{ArrowRight}');
    expect(names()).toEqual(['Carol Bell@carol']);
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('@carol , see');
    expect(input).toHaveFocus();
  });

  it('closes on Escape without cancelling the reply, until another @ is typed', async () => {
    const { onCancelReply, input, user } = renderComposer();
    await user.type(input, '@b');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(onCancelReply).not.toHaveBeenCalled();
    await user.type(input, 'o');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();

    await user.type(input, ' @c');
    expect(names()).toEqual(['Carol Bell@carol']);
    await user.keyboard('{Escape}{Escape}');
    expect(onCancelReply).toHaveBeenCalledOnce();
  });

  it('picks with a click, keeping the focus in the field', async () => {
    const { input, user } = renderComposer();
    await user.type(input, 'ask @');
    await user.click(screen.getByRole('option', { name: /Carol Bell/ }));
    expect(input).toHaveValue('ask @carol ');
    expect(input).toHaveFocus();
  });

  it('suggests nothing inside an e-mail address or when nobody matches', async () => {
    const { input, user } = renderComposer();
    await user.type(input, 'mail bob@');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.type(input, ' @zed');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});
