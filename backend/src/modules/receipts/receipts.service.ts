import {
  CLIENT_FEATURES,
  type ClientEventResult,
  type ParsedClientEventPayload,
  type ServerEventPayload,
} from '@messenger/contract';
import type { AfterAnswer } from '../../lib/after-answer';
import { Coalescer } from '../../lib/coalescer';
import { notFound } from '../../lib/errors';
import { declaredRoom, undeclaredRoom, type EventPublisher } from '../../realtime/events';
import { perChatReceipts } from '../../realtime/per-chat-receipts';
import type { ChatsService } from '../chats/chats.service';
import type { ReceiptsRepository, Watermarks } from './receipts.repository';

interface Acknowledged {
  delivered: number;
  read: number;
}

type BatchedReceipt = ParsedClientEventPayload<'receipts:batch'>['receipts'][number];
type BatchResult = ClientEventResult<'receipts:batch'>['results'][number];
type ChangedReceipt = ServerEventPayload<'receipts:changed'>['receipts'][number];

const BATCH = CLIENT_FEATURES.receiptsBatch;
const NOT_IN_CHAT = notFound('Chat');

/**
 * Delivery and read receipts as per-participant watermarks. Every web app reports them as messages arrive, so
 * they outnumber sends several times over: acknowledgements are merged per chat and user, and all that wait are
 * written in one statement while the previous one runs. Events go out only when a watermark rose: one
 * `receipts:changed` per recipient per write for clients that declared `receipts-batch`, and one
 * `message:delivered` / `message:read` per chat and reader for older ones.
 */
export class ReceiptsService {
  private readonly writes: Coalescer<Acknowledged, Watermarks>;
  /** The writes' events, one write after the other, so that a recipient hears of rises in the order they were made. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: ReceiptsRepository,
    private readonly events: EventPublisher,
    private readonly chats: Pick<ChatsService, 'publish'>,
    private readonly afterAnswer: AfterAnswer,
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
    if (!marks) throw NOT_IN_CHAT;
  }

  /**
   * The receipts of many chats at once, all in the same write (they are submitted together). Answers each entry in
   * its order: NOT_FOUND for a chat the user is not in, which does not stop the others.
   */
  async acknowledgeBatch(userId: string, receipts: readonly BatchedReceipt[]): Promise<BatchResult[]> {
    const written = await Promise.all(
      receipts.map(({ chatId, delivered = 0, read = 0 }) =>
        this.writes.submit(`${chatId}:${userId}`, { delivered, read }),
      ),
    );
    return written.map((marks) =>
      marks ? { ok: true } : { ok: false, error: { code: NOT_IN_CHAT.code, message: NOT_IN_CHAT.message } },
    );
  }

  private async write(batch: ReadonlyMap<string, Acknowledged>): Promise<Map<string, Watermarks>> {
    const acknowledgements = [...batch].map(([key, value]) => {
      const [chatId = '', userId = ''] = key.split(':');
      return { chatId, userId, ...value };
    });
    const raised = await this.repository.raise(acknowledgements);
    // The events wait for a question to every instance (who still runs an older client); the next write and the
    // acknowledgements must not, or one instance slow to answer would hold up everyone's receipts.
    const published = this.publishing.then(() => this.publish(raised));
    this.publishing = published.catch(() => undefined);
    this.afterAnswer.add('publishing receipts', published);
    await this.publishMentionsRead(raised);
    return new Map(raised.map((marks) => [`${marks.chatId}:${marks.userId}`, marks]));
  }

  /**
   * Each recipient's share of the write as one `receipts:changed`, whatever the number of chats and readers, logged
   * once. A recipient with a device connected that did not declare `receipts-batch` (one question to the instances
   * per write) also gets, on that device and under the same cursor, the per-chat events it stands for.
   */
  private async publish(raised: readonly Watermarks[]): Promise<void> {
    const byRecipient = new Map<string, ChangedReceipt[]>();
    for (const marks of raised) {
      for (const [recipient, change] of changesOf(marks)) {
        const changes = byRecipient.get(recipient) ?? [];
        changes.push(change);
        byRecipient.set(recipient, changes);
      }
    }
    if (byRecipient.size === 0) return;
    const older = await this.events.withoutFeature(BATCH, [...byRecipient.keys()]);
    for (const [recipient, receipts] of byRecipient) {
      const payload = { receipts };
      const olderClients = older.has(recipient)
        ? { room: undeclaredRoom(BATCH), events: perChatReceipts(payload) }
        : undefined;
      this.events.toUsers([recipient], 'receipts:changed', payload, { room: declaredRoom(BATCH), olderClients });
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

/**
 * One participant's rise as each of its recipients hears of it. Receipts go to the senders of the messages they
 * cover, the only ones who show them: a member's acknowledgement in a 300-member group costs a few frames, not 300.
 * A read also goes to the user's own devices, where it settles the unread count; their own delivery concerns nobody
 * else (every device of a busy chat sends one a second, so an echo would double those frames).
 */
function changesOf(marks: Watermarks): Map<string, ChangedReceipt> {
  const { chatId, userId } = marks;
  const delivered = marks.delivered > marks.previousDelivered ? marks.deliveredSenders : [];
  const read = marks.read > marks.previousRead ? [userId, ...marks.readSenders] : [];
  const changes = new Map<string, ChangedReceipt>();
  for (const recipient of delivered) changes.set(recipient, { chatId, userId, delivered: marks.delivered });
  for (const recipient of read) {
    changes.set(recipient, { ...(changes.get(recipient) ?? { chatId, userId }), read: marks.read });
  }
  return changes;
}
