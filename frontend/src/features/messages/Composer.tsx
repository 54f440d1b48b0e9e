import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../../shared/ui/Button';
import { ComposerToolbar, type FormatMarker } from './ComposerToolbar';
import { wrapSelection } from './wrapSelection';

const MAX_MESSAGE_LENGTH = 10_000;

/** The message being answered, as the composer shows it. */
export interface ReplyTarget {
  senderName: string;
  excerpt: string;
}

interface ComposerProps {
  onSend: (content: string) => void;
  replyTo?: ReplyTarget | null;
  onCancelReply?: () => void;
  /** On every change of the text: the typing indicator of the others. */
  onTyping?: () => void;
  /** On send or leaving the field. */
  onStopTyping?: () => void;
}

const shortcutMarkers: Record<string, FormatMarker> = { b: '**', i: '_' };

export function Composer({ onSend, replyTo = null, onCancelReply, onTyping, onStopTyping }: ComposerProps) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState('');
  const content = draft.trim();

  function send() {
    if (!content) return;
    onStopTyping?.();
    onSend(content);
    setDraft('');
  }

  function format(marker: FormatMarker) {
    const textarea = field.current;
    if (!textarea) return;
    const next = wrapSelection({ text: draft, start: textarea.selectionStart, end: textarea.selectionEnd }, marker);
    setDraft(next.text);
    // After React has written the new value, or the selection would land in the old text.
    requestAnimationFrame(() => {
      textarea.focus();
      textarea.setSelectionRange(next.start, next.end);
    });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const shortcut = shortcutMarkers[event.key.toLowerCase()];
    if ((event.ctrlKey || event.metaKey) && !event.altKey && shortcut) {
      event.preventDefault();
      format(shortcut);
      return;
    }
    if (event.key === 'Escape' && replyTo) onCancelReply?.();
    // While an input method is composing, Enter confirms the composition rather than sending.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  return (
    <form
      className="flex flex-col gap-2 border-t border-slate-200 bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {replyTo && (
        <div className="flex items-start gap-2 rounded-md border-l-4 border-blue-400 bg-slate-50 px-3 py-1 text-sm">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-800">Replying to {replyTo.senderName}</p>
            <p className="truncate text-slate-600">{replyTo.excerpt}</p>
          </div>
          <Button variant="ghost" size="sm" onClick={onCancelReply}>
            Cancel reply
          </Button>
        </div>
      )}
      <div className="flex items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex items-center justify-between gap-2">
            <label htmlFor={id} className="text-xs font-medium text-slate-600">
              Message
            </label>
            <ComposerToolbar onFormat={format} />
          </div>
          <textarea
            ref={field}
            id={id}
            rows={1}
            value={draft}
            maxLength={MAX_MESSAGE_LENGTH}
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              setDraft(event.target.value);
              if (event.target.value) onTyping?.();
              else onStopTyping?.();
            }}
            onBlur={onStopTyping}
            onKeyDown={handleKeyDown}
            className="field-sizing-content max-h-40 min-h-10 resize-none rounded-md border border-slate-300 px-3 py-2 text-base focus:border-blue-500 focus:ring-2 focus:ring-blue-200 focus:outline-none"
          />
          <p id={`${id}-hint`} className="sr-only">
            Enter sends, Shift+Enter starts a new line. **bold** and _italic_ are formatted; Ctrl+B and Ctrl+I add them.
          </p>
        </div>
        <Button type="submit" disabled={!content}>
          Send
        </Button>
      </div>
    </form>
  );
}
