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
 * Delivery and read receipts as per-participant watermarks. Acknowledgements for the same chat and user that
 * arrive while one is being written are merged into the next write; events go out only when a watermark rose.
 */
export class ReceiptsService {
  private readonly writes: Coalescer<Acknowledged, Watermarks | null>;

  constructor(
    private readonly repository: ReceiptsRepository,
    private readonly chats: ChatsService,
    private readonly events: EventPublisher,
  ) {
    this.writes = new Coalescer(
      (a, b) => ({ delivered: Math.max(a.delivered, b.delivered), read: Math.max(a.read, b.read) }),
      (key, value) => this.write(key, value),
    );
  }

  async acknowledge(userId: string, chatId: string, kind: 'delivered' | 'read', seq: number): Promise<void> {
    const result = await this.writes.submit(`${chatId}:${userId}`, {
      delivered: seq,
      read: kind === 'read' ? seq : 0,
    });
    if (!result) throw notFound('Chat');
  }

  private async write(key: string, value: Acknowledged): Promise<Watermarks | null> {
    const [chatId = '', userId = ''] = key.split(':');
    const marks = await this.repository.raise(chatId, userId, value.delivered, value.read);
    if (!marks || (marks.delivered === marks.previousDelivered && marks.read === marks.previousRead)) return marks;
    const participantIds = await this.chats.requireParticipants(userId, chatId);
    if (marks.delivered > marks.previousDelivered) {
      this.events.toUsers(participantIds, 'message:delivered', { chatId, userId, seq: marks.delivered });
    }
    if (marks.read > marks.previousRead) {
      this.events.toUsers(participantIds, 'message:read', { chatId, userId, seq: marks.read });
    }
    return marks;
  }
}
