import { Coalescer } from '../../lib/coalescer';
import { notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import type { ChatsService } from '../chats/chats.service';
import type { ReceiptsRepository, Watermarks } from './receipts.repository';

interface Acknowledged {
  delivered: number;
  read: number;
}

/**
 * Delivery and read receipts as per-participant watermarks. Every web app reports them as messages arrive, so
 * they outnumber sends several times over: acknowledgements are merged per chat and user, and all that wait are
 * written in one statement while the previous one runs. Events go out only when a watermark rose.
 */
export class ReceiptsService {
  private readonly writes: Coalescer<Acknowledged, Watermarks>;

  constructor(
    private readonly repository: ReceiptsRepository,
    private readonly events: EventPublisher,
    private readonly chats: Pick<ChatsService, 'publish'>,
  ) {
    this.writes = new Coalescer(
      (a, b) => ({ delivered: Math.max(a.delivered, b.delivered), read: Math.max(a.read, b.read) }),
      (batch) => this.write(batch),
    );
  }

  async acknowledge(userId: string, chatId: string, kind: 'delivered' | 'read', seq: number): Promise<void> {
    const marks = await this.writes.submit(`${chatId}:${userId}`, {
      delivered: seq,
      read: kind === 'read' ? seq : 0,
    });
    if (!marks) throw notFound('Chat');
  }

  private async write(batch: ReadonlyMap<string, Acknowledged>): Promise<Map<string, Watermarks>> {
    const acknowledgements = [...batch].map(([key, value]) => {
      const [chatId = '', userId = ''] = key.split(':');
      return { chatId, userId, ...value };
    });
    const raised = await this.repository.raise(acknowledgements);
    for (const marks of raised) this.publish(marks);
    await this.publishMentionsRead(raised);
    return new Map(raised.map((marks) => [`${marks.chatId}:${marks.userId}`, marks]));
  }

  /**
   * Receipts go to the senders of the messages they cover, the only ones who show them: a member's
   * acknowledgement in a 300-member group costs a few frames, not 300. A read also goes to the user's own devices,
   * where it settles the unread count; their own delivery concerns nobody else (every device of a busy chat sends
   * one a second, so an echo would double those frames).
   */
  private publish({ chatId, userId, ...marks }: Watermarks): void {
    if (marks.delivered > marks.previousDelivered && marks.deliveredSenders.length > 0) {
      this.events.toUsers(marks.deliveredSenders, 'message:delivered', { chatId, userId, seq: marks.delivered });
    }
    if (marks.read > marks.previousRead) {
      this.events.toUsers([userId, ...marks.readSenders], 'message:read', { chatId, userId, seq: marks.read });
    }
  }

  /**
   * A read that passed mentions of the reader lowers their chat's mentionCount, which only the server can count (the
   * reader's devices need not hold the messages in between): their devices get the chat again. Rare next to reads.
   */
  private async publishMentionsRead(raised: readonly Watermarks[]): Promise<void> {
    const passed = raised.filter((marks) => marks.mentionsRead > 0);
    await Promise.all(passed.map(({ chatId, userId }) => this.chats.publish('chat:updated', chatId, [userId])));
  }
}
