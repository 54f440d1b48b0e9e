import { AppError } from '../../lib/errors';

/** Who blocked whom, seen from the user who is refused something. */
export type BlockDirection = 'you-blocked-them' | 'they-blocked-you';

/**
 * 403 `BLOCKED`: a block between the two users stands in the way (either direction: the blocker, too, must unblock
 * first). `action` completes "to ...", e.g. "send them messages".
 */
export function refusedByBlock(direction: BlockDirection, action: string): AppError {
  const message =
    direction === 'you-blocked-them'
      ? `You blocked this user; unblock them to ${action}`
      : `This user has blocked you; you cannot ${action}`;
  return new AppError(403, 'BLOCKED', message);
}
