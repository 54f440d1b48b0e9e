interface ErrorAlertProps {
  message: string | null;
}

/** Announced by screen readers as soon as it appears. */
export function ErrorAlert({ message }: ErrorAlertProps) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-surface-danger px-3 py-2 text-sm text-fg-danger">
      {message}
    </p>
  );
}
