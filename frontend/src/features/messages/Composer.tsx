import { ATTACHMENT_ACCEPT, MAX_CONTENT_LENGTH } from '@messenger/contract';
import { useId, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { IMAGE_ACCEPT } from '../../shared/api/attachmentsApi';
import { PaperAirplaneIcon, PaperClipIcon, PhotoIcon, XMarkIcon } from '@heroicons/react/20/solid';
import { useMentionAutocomplete, type MentionCandidate } from '../mentions';
import { FileButton } from '../../shared/ui/FileButton';
import { IconButton } from '../../shared/ui/IconButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { ComposerToolbar } from './ComposerToolbar';
import { DraftAttachments } from './DraftAttachments';
import { useAttachmentDraft } from './useAttachmentDraft';
import { applyFormat, type FormatAction, type TextSelection } from './wrapSelection';

/** The message being answered, as the composer shows it. */
export interface ReplyTarget {
  senderName: string;
  excerpt: string;
}

/** What the chat around the composer may do to it: files dropped on the chat go to its draft. */
export interface ComposerHandle {
  addFiles: (files: Iterable<File>) => void;
}

interface ComposerProps {
  /** With attachments: their uploaded ids, and the content is their caption (maybe empty). */
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

/**
 * The two ways to pick attachments: either adds to the same draft, where a file's type decides how it is sent. The
 * image picker only narrows the system dialog to images.
 */
const pickers = [
  { label: 'Attach image', accept: IMAGE_ACCEPT, Icon: PhotoIcon },
  { label: 'Attach file', accept: ATTACHMENT_ACCEPT, Icon: PaperClipIcon },
];

// Ctrl+E for code, as on GitHub.
const shortcuts: Partial<Record<string, FormatAction>> = { b: 'bold', i: 'italic', e: 'code' };

export function Composer(props: ComposerProps) {
  const { onSend, replyTo = null, onCancelReply, onTyping, onStopTyping, onEditLastMessage, ref } = props;
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const selectionAfterFormat = useRef<TextSelection | null>(null);
  const [draft, setDraft] = useState('');
  const mentions = useMentionAutocomplete({
    text: draft,
    onChange: setDraft,
    field,
    people: props.mentionCandidates,
  });
  const attachments = useAttachmentDraft();
  const content = draft.trim();
  const hasAttachments = attachments.count > 0;

  useImperativeHandle(ref, () => ({ addFiles: attachments.add }));

  function send() {
    if (attachments.uploading) return;
    if (hasAttachments) {
      void sendWithAttachments();
      return;
    }
    if (!content) return;
    onStopTyping?.();
    onSend(content);
    setDraft('');
  }

  async function sendWithAttachments() {
    onStopTyping?.();
    const attachmentIds = await attachments.upload();
    if (!attachmentIds) return;
    onSend(content, attachmentIds);
    attachments.clear();
    setDraft('');
  }

  function format(action: FormatAction) {
    const textarea = field.current;
    if (!textarea) return;
    const next = applyFormat({ text: draft, start: textarea.selectionStart, end: textarea.selectionEnd }, action);
    setDraft(next.text);
    selectionAfterFormat.current = next;
  }

  // Selected once React has written the new value (the selection would land in the old text before), and before the
  // next keystroke, as the mention autocomplete places its caret.
  useLayoutEffect(() => {
    const next = selectionAfterFormat.current;
    if (!next) return;
    selectionAfterFormat.current = null;
    field.current?.focus();
    field.current?.setSelectionRange(next.start, next.end);
  });

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const shortcut = shortcuts[event.key.toLowerCase()];
    if ((event.ctrlKey || event.metaKey) && !event.altKey && shortcut) {
      event.preventDefault();
      format(shortcut);
      return;
    }
    const plainKey = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    if (event.key === 'ArrowUp' && plainKey && !draft && !hasAttachments && onEditLastMessage) {
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
      <DraftAttachments
        images={attachments.images}
        files={attachments.files}
        progress={attachments.progress}
        onRemove={attachments.remove}
        onCancelUpload={attachments.cancel}
      />
      <ErrorAlert message={attachments.error} />
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
              // Pasted files (a screenshot, a document copied in a file manager) join the draft; text is pasted.
              const pasted = [...event.clipboardData.files];
              if (pasted.length === 0) return;
              event.preventDefault();
              attachments.add(pasted);
            }}
            className="field-sizing-content max-h-40 min-h-10 resize-none rounded-md border border-border-strong bg-surface px-3 py-2 text-base text-fg"
          />
          {mentions.elements}
          <p id={`${id}-hint`} className="sr-only">
            Enter sends, Shift+Enter starts a new line. Markdown is formatted: **bold**, _italic_, `code`, ``` code
            blocks, &gt; quotes, - lists and links; Ctrl+B, Ctrl+I and Ctrl+E add the first three. With images or files
            chosen, the text is their caption.
          </p>
        </div>
        {pickers.map(({ label, accept, Icon }) => (
          <FileButton
            key={label}
            label={label}
            accept={accept}
            multiple
            disabled={attachments.uploading}
            onFiles={attachments.add}
            iconOnly
          >
            <Icon className="size-5" />
          </FileButton>
        ))}
        <IconButton
          type="submit"
          label="Send"
          icon={PaperAirplaneIcon}
          variant="primary"
          disabled={(!content && !hasAttachments) || attachments.uploading}
        />
      </div>
    </form>
  );
}
