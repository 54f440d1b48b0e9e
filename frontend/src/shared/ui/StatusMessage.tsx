interface StatusMessageProps {
  message: string | null;
}

/** A confirmation that something worked; announced politely by screen readers. */
export function StatusMessage({ message }: StatusMessageProps) {
  return (
    <p role="status" className="text-sm text-fg-success empty:hidden">
      {message}
    </p>
  );
}
