import { MAX_CONTENT_LENGTH } from '@messenger/contract';
import { useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { IMAGE_ACCEPT } from '../../shared/api/attachmentsApi';
import { PaperAirplaneIcon, PhotoIcon, XMarkIcon } from '@heroicons/react/20/solid';
import { useMentionAutocomplete, type MentionCandidate } from '../mentions';
import { Button } from '../../shared/ui/Button';
import { FileButton } from '../../shared/ui/FileButton';
import { IconButton } from '../../shared/ui/IconButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { ComposerToolbar, type FormatMarker } from './ComposerToolbar';
import { useImageDraft } from './useImageDraft';
import { wrapSelection } from './wrapSelection';

/** The message being answered, as the composer shows it. */
export interface ReplyTarget {
  senderName: string;
  excerpt: string;
}

/** What the chat around the composer may do to it: images dropped on the chat go to its draft. */
export interface ComposerHandle {
  addImages: (files: Iterable<File>) => void;
}

interface ComposerProps {
  /** With images: their uploaded ids, and the content is their caption (maybe empty). */
  onSend: (content: string, attachmentIds?: string[]) => void;
  ref?: Ref<ComposerHandle>;
  replyTo?: ReplyTarget | null;
  onCancelReply?: () => void;
  /** On every change of the text: the typing indicator of the others. */
  onTyping?: () => void;
  /** On send or leaving the field. */
  onStopTyping?: () => void;
  /** ArrowUp in the empty field, as in most chat apps: edit our own last message. */
  onEditLastMessage?: () => void;
  /** Whom `@` suggests: the chat's other participants. */
  mentionCandidates?: readonly MentionCandidate[];
}

const shortcutMarkers: Record<string, FormatMarker> = { b: '**', i: '_' };

export function Composer(props: ComposerProps) {
  const { onSend, replyTo = null, onCancelReply, onTyping, onStopTyping, onEditLastMessage, ref } = props;
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState('');
  const mentions = useMentionAutocomplete({
    text: draft,
    onChange: setDraft,
    field,
    people: props.mentionCandidates,
  });
  const images = useImageDraft();
  const content = draft.trim();
  const hasImages = images.images.length > 0;

  useImperativeHandle(ref, () => ({ addImages: images.add }));

  function send() {
    if (images.uploading) return;
    if (hasImages) {
      void sendWithImages();
      return;
    }
    if (!content) return;
    onStopTyping?.();
    onSend(content);
    setDraft('');
  }

  async function sendWithImages() {
    onStopTyping?.();
    const attachmentIds = await images.upload();
    if (!attachmentIds) return;
    onSend(content, attachmentIds);
    images.clear();
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
    const plainKey = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if (event.key === 'ArrowUp' && plainKey && !draft && !hasImages && onEditLastMessage) {
      event.preventDefault();
      onEditLastMessage();
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
      className="flex flex-col gap-2 border-t border-border bg-surface p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {replyTo && (
        <div className="flex items-start gap-2 rounded-md border-l-4 border-accent bg-surface-muted px-3 py-1 text-sm">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-fg">Replying to {replyTo.senderName}</p>
            <p className="truncate text-fg-muted">{replyTo.excerpt}</p>
          </div>
          <IconButton label="Cancel reply" icon={XMarkIcon} size="sm" onClick={onCancelReply} />
        </div>
      )}
      {hasImages && (
        <ul aria-label="Images to send" className="flex gap-2 overflow-x-auto">
          {images.images.map((image) => (
            <li key={image.key} className="relative shrink-0">
              <img src={image.previewUrl} alt={image.file.name} className="size-16 rounded-md object-cover" />
              <button
                type="button"
                aria-label={`Remove ${image.file.name}`}
                title={`Remove ${image.file.name}`}
                disabled={images.uploading}
                onClick={() => images.remove(image.key)}
                className="absolute -top-1 -right-1 flex size-5 items-center justify-center rounded-full bg-fg text-surface disabled:cursor-not-allowed"
              >
                <XMarkIcon className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {images.progress !== null && (
        <div className="flex items-center gap-2">
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={images.progress}
            className="h-2 flex-1 overflow-hidden rounded-full bg-surface-strong"
          >
            <div className="h-full bg-accent transition-[width]" style={{ width: `${images.progress}%` }} />
          </div>
          <Button variant="ghost" size="sm" onClick={images.cancel}>
            Cancel upload
          </Button>
        </div>
      )}
      <ErrorAlert message={images.error} />
      <div className="flex items-end gap-2">
        <div className="relative flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex items-center justify-between gap-2">
            <label htmlFor={id} className="text-xs font-medium text-fg-muted">
              Message
            </label>
            <ComposerToolbar onFormat={format} />
          </div>
          <textarea
            ref={field}
            id={id}
            rows={1}
            value={draft}
            maxLength={MAX_CONTENT_LENGTH}
            aria-describedby={`${id}-hint ${mentions.hintId}`}
            {...mentions.fieldProps}
            onSelect={(event) => mentions.caretMoved(event.currentTarget.selectionStart)}
            onChange={(event) => {
              setDraft(event.target.value);
              mentions.caretMoved(event.target.selectionStart);
              if (event.target.value) onTyping?.();
              else onStopTyping?.();
            }}
            onBlur={onStopTyping}
            onKeyDown={(event) => mentions.handleKeyDown(event) || handleKeyDown(event)}
            onPaste={(event) => {
              const pasted = [...event.clipboardData.files].filter((file) => file.type.startsWith('image/'));
              if (pasted.length === 0) return;
              event.preventDefault();
              images.add(pasted);
            }}
            className="field-sizing-content max-h-40 min-h-10 resize-none rounded-md border border-border-strong bg-surface px-3 py-2 text-base text-fg"
          />
          {mentions.elements}
          <p id={`${id}-hint`} className="sr-only">
            Enter sends, Shift+Enter starts a new line. **bold** and _italic_ are formatted; Ctrl+B and Ctrl+I add them.
            With images chosen, the text is their caption.
          </p>
        </div>
        <FileButton
          label="Attach image"
          accept={IMAGE_ACCEPT}
          multiple
          disabled={images.uploading}
          onFiles={images.add}
          iconOnly
        >
          <PhotoIcon className="size-5" />
        </FileButton>
        <IconButton
          type="submit"
          label="Send"
          icon={PaperAirplaneIcon}
          variant="primary"
          disabled={(!content && !hasImages) || images.uploading}
        />
      </div>
    </form>
  );
}
