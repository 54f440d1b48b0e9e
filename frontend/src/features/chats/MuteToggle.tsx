import { BellIcon, BellSlashIcon } from '@heroicons/react/20/solid';
import { useState } from 'react';
import type { Chat } from '@messenger/contract';
import { IconButton } from '../../shared/ui/IconButton';
import { runInBackground } from '../../shared/ui/toastStore';
import { setChatMuted } from './chatActions';

/** One name in both states: aria-pressed says whether the chat is muted. A failure shows as a toast. */
export function MuteToggle({ chat }: { chat: Chat }) {
  const [pending, setPending] = useState(false);
  return (
    <IconButton
      label="Mute notifications"
      icon={chat.muted ? BellSlashIcon : BellIcon}
      size="sm"
      aria-pressed={chat.muted}
      title={chat.muted ? 'Unmute notifications' : 'Mute notifications'}
      disabled={pending}
      onClick={() => {
        setPending(true);
        runInBackground(() => setChatMuted(chat.id, !chat.muted).finally(() => setPending(false)));
      }}
      className="mr-2 text-fg-muted"
    />
  );
}
