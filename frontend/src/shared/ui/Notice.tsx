interface NoticeProps {
  message: string | null;
  className?: string;
}

/** Something the user should know that is neither an error nor a success, such as why a page looks unexpected. */
export function Notice({ message, className = '' }: NoticeProps) {
  if (!message) return null;
  return (
    <p role="status" className={`rounded-md bg-surface-warning px-3 py-2 text-sm text-fg-warning ${className}`}>
      {message}
    </p>
  );
}
