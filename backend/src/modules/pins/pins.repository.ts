import { MAX_PINS_PER_CHAT } from '@messenger/contract';
import type { PrismaClient } from '../../db/prisma';
import { messageInclude, type MessageRecord } from '../messages/messages.presenter';
import { insertSystemMessage, type WrittenMessage } from '../messages/messages.repository';

/** What a pin did: pinned now (with the system message that says so), found pinned already, or refused. */
export type PinOutcome =
  | { pinned: MessageRecord; announcement: WrittenMessage }
  | { alreadyPinned: MessageRecord }
  | { refused: 'deleted' | 'full' | 'not-a-member' };

export class PinsRepository {
  constructor(private readonly db: PrismaClient) {}

  /** What the service checks before pinning or unpinning: the message's chat, kind and state. */
  findTarget(messageId: string) {
    return this.db.message.findUnique({
      where: { id: messageId },
      select: { id: true, chatId: true, type: true, deletedAt: true },
    });
  }

  /**
   * Pins a message of `chatId` for `userId`, with the system message `announce(their name)` quoting it, in one
   * transaction under the chat's row lock (which the system message takes anyway): concurrent pins are counted one
   * after the other, so the chat never holds more than MAX_PINS_PER_CHAT. The message's row is held too (FOR SHARE),
   * so that a deletion at the same moment either comes first (refused: 'deleted') or waits and removes this pin with
   * the message. Each check is its own statement, made after the lock is held: under READ COMMITTED each one sees
   * what the transactions it waited for committed.
   */
  pin(
    chatId: string,
    messageId: string,
    userId: string,
    announce: (pinnerName: string) => string,
  ): Promise<PinOutcome> {
    return this.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM chats WHERE id = ${chatId}::uuid FOR UPDATE`;
      const [pinner] = await tx.$queryRaw<{ displayName: string }[]>`
        SELECT u.display_name AS "displayName" FROM chat_participants p JOIN users u ON u.id = p.user_id
        WHERE p.chat_id = ${chatId}::uuid AND p.user_id = ${userId}::uuid`;
      if (!pinner) return { refused: 'not-a-member' as const };
      const [target] = await tx.$queryRaw<{ deleted: boolean }[]>`
        SELECT deleted_at IS NOT NULL AS deleted FROM messages WHERE id = ${messageId}::uuid FOR SHARE`;
      if (!target || target.deleted) return { refused: 'deleted' as const };
      if (await tx.messagePin.count({ where: { messageId } })) {
        return {
          alreadyPinned: await tx.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude }),
        };
      }
      if ((await tx.messagePin.count({ where: { chatId } })) >= MAX_PINS_PER_CHAT) return { refused: 'full' as const };
      await tx.messagePin.create({ data: { messageId, chatId, pinnedById: userId } });
      const announcement = await insertSystemMessage(tx, chatId, announce(pinner.displayName), messageId);
      const pinned = await tx.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude });
      return { pinned, announcement };
    });
  }

  /** Removes the message's pin, if it has one; answers the message as it now is, and whether a pin was removed. */
  async unpin(messageId: string): Promise<{ removed: boolean; message: MessageRecord }> {
    const { count } = await this.db.messagePin.deleteMany({ where: { messageId } });
    const message = await this.db.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude });
    return { removed: count > 0, message };
  }

  /** The chat's pinned messages, newest pin first (one index range: `message_pins_chat_id_pinned_at_idx`). */
  async list(chatId: string): Promise<MessageRecord[]> {
    const pins = await this.db.messagePin.findMany({
      where: { chatId },
      orderBy: [{ pinnedAt: 'desc' }, { message: { seq: 'desc' } }],
      take: MAX_PINS_PER_CHAT,
      select: { message: { include: messageInclude } },
    });
    return pins.map((pin) => pin.message);
  }
}
