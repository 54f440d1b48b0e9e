import { MAX_CONTENT_LENGTH } from '@messenger/contract';
import { useId, useState, type KeyboardEvent } from 'react';
import { Button } from '../../shared/ui/Button';

interface MessageEditorProps {
  initialContent: string;
  onSave: (content: string) => void;
  onCancel: () => void;
}

/** Edits a message in place: Enter saves, Shift+Enter starts a new line, Escape cancels. */
export function MessageEditor({ initialContent, onSave, onCancel }: MessageEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState(initialContent);
  const content = draft.trim();

  function save() {
    if (!content) return;
    if (content === initialContent) onCancel();
    else onSave(content);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  }

  return (
    <form
      className="flex w-full flex-col gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label htmlFor={id} className="text-xs font-medium opacity-80">
        Edit message text
      </label>
      <textarea
        id={id}
        // The editor opens because the user asked for it, so moving the focus into it is expected.
        autoFocus
        value={draft}
        maxLength={MAX_CONTENT_LENGTH}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={handleKeyDown}
        className="field-sizing-content min-h-10 w-full resize-none rounded-md border border-border-strong px-2 py-1 text-base text-fg"
      />
      <span className="flex justify-end gap-2">
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel edit
        </Button>
        <Button size="sm" type="submit" disabled={!content}>
          Save edit
        </Button>
      </span>
    </form>
  );
}
