import type { User } from '@messenger/contract';
import { PresenceDot } from '../../shared/ui/PresenceDot';
import { useLivePresence } from './useLivePresence';

/** The avatar's presence dot, following presence events. */
export function LivePresenceDot({ user }: { user: Pick<User, 'id' | 'online' | 'lastSeenAt'> }) {
  return <PresenceDot user={useLivePresence(user)} />;
}
