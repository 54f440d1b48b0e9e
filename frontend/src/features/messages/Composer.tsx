import { useId, useState, type KeyboardEvent } from 'react';
import { Button } from '../../shared/ui/Button';

const MAX_MESSAGE_LENGTH = 10_000;

interface ComposerProps {
  onSend: (content: string) => void;
}

export function Composer({ onSend }: ComposerProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const content = draft.trim();

  function send() {
    if (!content) return;
    onSend(content);
    setDraft('');
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method is composing, Enter confirms the composition rather than sending.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <label htmlFor={id} className="text-xs font-medium text-slate-600">
          Message
        </label>
        <textarea
          id={id}
          rows={1}
          value={draft}
          maxLength={MAX_MESSAGE_LENGTH}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={handleKeyDown}
          className="field-sizing-content max-h-40 min-h-10 resize-none rounded-md border border-slate-300 px-3 py-2 text-base focus:border-blue-500 focus:ring-2 focus:ring-blue-200 focus:outline-none"
        />
        <p id={`${id}-hint`} className="sr-only">
          Enter sends, Shift+Enter starts a new line. **bold** and _italic_ are formatted.
        </p>
      </div>
      <Button type="submit" disabled={!content}>
        Send
      </Button>
    </form>
  );
}
