/** The main pane at /chats on a wide screen, next to the chat list. */
export function ChatsHome() {
  return (
    <div className="flex h-full items-center justify-center bg-surface-muted p-8 text-center text-fg-muted">
      <p>Pick a chat on the left, or find people in your contacts to start one.</p>
    </div>
  );
}
