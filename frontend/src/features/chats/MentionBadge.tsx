/**
 * "@" beside the unread count while messages that mention us are unread: in the accent colour even in a muted chat,
 * where the unread count itself is subdued (a mute silences messages, not mentions).
 */
export function MentionBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  const label = count === 1 ? '1 mention of you' : `${count} mentions of you`;
  return (
    <>
      <span
        aria-hidden="true"
        title={label}
        className="shrink-0 rounded-full bg-accent px-1.5 text-xs font-bold text-accent-fg"
      >
        @
      </span>
      <span className="sr-only">, {label}</span>
    </>
  );
}
