import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';

function renderComposer() {
  const onSend = vi.fn<(content: string) => void>();
  const onEditLastMessage = vi.fn<() => void>();
  render(<Composer onSend={onSend} onEditLastMessage={onEditLastMessage} />);
  return { onSend, onEditLastMessage, input: screen.getByLabelText('Message'), user: userEvent.setup() };
}

describe('Composer', () => {
  it('sends on Enter and clears the field', async () => {
    const { onSend, input, user } = renderComposer();

    await user.type(input, 'hello there{Enter}');

    expect(onSend).toHaveBeenCalledExactlyOnceWith('hello there');
    expect(input).toHaveValue('');
  });

  it('starts a new line on Shift+Enter without sending', async () => {
    const { onSend, input, user } = renderComposer();

    await user.type(input, 'first line{Shift>}{Enter}{/Shift}second line');
    expect(onSend).not.toHaveBeenCalled();
    expect(input).toHaveValue('first line\nsecond line');

    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledExactlyOnceWith('first line\nsecond line');
    expect(input).toHaveValue('');
  });

  it('does not send blank messages', async () => {
    const { onSend, input, user } = renderComposer();

    await user.type(input, '   {Enter}');

    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('asks to edit the last message on ArrowUp only while the field is empty', async () => {
    const { onEditLastMessage, input, user } = renderComposer();

    await user.type(input, 'draft{ArrowUp}{Alt>}{ArrowUp}{/Alt}');
    expect(onEditLastMessage).not.toHaveBeenCalled();

    await user.clear(input);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(onEditLastMessage).not.toHaveBeenCalled();
    await user.keyboard('{ArrowUp}');
    expect(onEditLastMessage).toHaveBeenCalledOnce();
  });

  it('wraps the selection in ** with the Bold button and in _ with Ctrl+I', async () => {
    const { onSend, input, user } = renderComposer();
    await user.type(input, 'say hello now');
    const field = input as HTMLTextAreaElement;

    field.setSelectionRange(4, 9);
    await user.click(screen.getByRole('button', { name: 'Bold' }));
    expect(input).toHaveValue('say **hello** now');

    await vi.waitFor(() => expect(field.selectionStart).toBe(6));
    await user.keyboard('{Control>}i{/Control}');
    expect(input).toHaveValue('say **_hello_** now');

    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('say **_hello_** now');
  });

  it('puts an empty pair of markers at the caret with the Italic button', async () => {
    const { input, user } = renderComposer();

    await user.click(screen.getByRole('button', { name: 'Italic' }));

    expect(input).toHaveValue('__');
  });

  it('makes code and quotes with their buttons, reached by the keyboard, and code with Ctrl+E', async () => {
    const { onSend, input, user } = renderComposer();
    await user.type(input, 'run npm start');
    const field = input as HTMLTextAreaElement;

    field.setSelectionRange(4, 13);
    await user.keyboard('{Control>}e{/Control}');
    expect(input).toHaveValue('run `npm start`');

    // From the field, Shift+Tab walks back through the toolbar: Quote is its last button.
    await vi.waitFor(() => expect(field.selectionStart).toBe(5));
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Quote' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(input).toHaveValue('> run `npm start`');

    // The focus goes back to the field, ready to send.
    await vi.waitFor(() => expect(input).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('> run `npm start`');
  });

  it('tells while the user types, and that they stopped on send or on leaving the field', async () => {
    const onTyping = vi.fn();
    const onStopTyping = vi.fn();
    render(<Composer onSend={vi.fn()} onTyping={onTyping} onStopTyping={onStopTyping} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Message'), 'hi');
    expect(onTyping).toHaveBeenCalledTimes(2);
    await user.keyboard('{Enter}');
    expect(onStopTyping).toHaveBeenCalledTimes(1);

    await user.type(screen.getByLabelText('Message'), 'more');
    await user.tab();
    expect(onStopTyping).toHaveBeenCalledTimes(2);
  });
});
