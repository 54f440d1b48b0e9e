import type { Chat } from '../../shared/api/types';
import { Button } from '../../shared/ui/Button';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { setChatMuted } from './chatActions';

/** One name in both states: aria-pressed says whether the chat is muted. */
export function MuteToggle({ chat }: { chat: Chat }) {
  const action = useAsyncAction();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        aria-label="Mute notifications"
        aria-pressed={chat.muted}
        title={chat.muted ? 'Unmute notifications' : 'Mute notifications'}
        disabled={action.pending}
        onClick={() => action.run(() => setChatMuted(chat.id, !chat.muted))}
        className="mr-2 shrink-0"
      >
        <span aria-hidden="true">{chat.muted ? '🔕' : '🔔'}</span>
      </Button>
      {action.error && (
        <p role="alert" className="basis-full px-4 pb-2 text-xs text-red-700">
          {action.error}
        </p>
      )}
    </>
  );
}
