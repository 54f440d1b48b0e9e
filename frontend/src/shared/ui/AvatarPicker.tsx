import { useEffect, useState } from 'react';
import { checkImageFile, IMAGE_ACCEPT, uploadAttachment, uploadErrorMessage } from '../api/attachmentsApi';
import { getErrorMessage } from '../api/errors';
import { useAuthenticatedImage } from '../api/useAuthenticatedImage';
import { Button } from './Button';
import { ErrorAlert } from './ErrorAlert';
import { FileButton } from './FileButton';
import { StatusMessage } from './StatusMessage';

interface AvatarPickerProps {
  /** The saved avatar's (thumbnail) URL, or null. */
  url: string | null;
  /** The accessible name of the file input, e.g. "Avatar". */
  inputLabel: string;
  /** The visible text of the button that opens the file picker, e.g. "Change avatar". */
  changeText: string;
  removeText: string;
  /** Saves the uploaded image (or null: removes it). */
  onSave: (attachmentId: string | null) => Promise<void>;
}

/** A round picture with a file picker: uploads as a cropped square avatar, then saves it. */
export function AvatarPicker({ url, inputLabel, changeText, removeText, onSave }: AvatarPickerProps) {
  const saved = useAuthenticatedImage(url);
  const [preview, setPreview] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // The local preview's object URL goes when another replaces it or the picker closes.
  useEffect(() => {
    if (!preview) return;
    return () => URL.revokeObjectURL(preview);
  }, [preview]);

  async function choose(file: File) {
    setStatus(null);
    const refusal = checkImageFile(file);
    if (refusal) {
      setError(refusal);
      return;
    }
    setError(null);
    setPreview(URL.createObjectURL(file));
    setPending(true);
    try {
      const attachment = await uploadAttachment(file, { purpose: 'avatar' });
      await onSave(attachment.id);
      setStatus(`${inputLabel} saved.`);
    } catch (caught) {
      setError(uploadErrorMessage(caught));
      setPreview(null);
    } finally {
      setPending(false);
    }
  }

  async function remove() {
    setStatus(null);
    setError(null);
    setPending(true);
    try {
      await onSave(null);
      setPreview(null);
      setStatus(`${inputLabel} removed.`);
    } catch (caught) {
      setError(getErrorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  const shown = preview ?? (url ? saved.src : null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3">
        {shown ? (
          <img src={shown} alt={`${inputLabel} preview`} className="size-16 rounded-full object-cover" />
        ) : (
          <span aria-hidden="true" className="size-16 rounded-full bg-surface-strong" />
        )}
        <FileButton
          label={inputLabel}
          accept={IMAGE_ACCEPT}
          disabled={pending}
          onFiles={([file]) => {
            if (file) void choose(file);
          }}
        >
          {changeText}
        </FileButton>
        {(url || preview) && (
          <Button variant="ghost" disabled={pending} onClick={() => void remove()}>
            {removeText}
          </Button>
        )}
      </div>
      {pending && <p className="text-sm text-fg-muted">Uploading…</p>}
      <ErrorAlert message={error} />
      <StatusMessage message={status} />
    </div>
  );
}
