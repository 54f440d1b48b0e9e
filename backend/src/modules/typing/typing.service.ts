import type { EventPublisher } from '../../realtime/events';
import type { BlocksRepository } from '../blocks/blocks.repository';
import type { ChatsService } from '../chats/chats.service';

export const TYPING_EXPIRES_MS = 5_000;
/**
 * While someone keeps typing, tell the others again at most this often (the web app renews every 3 s). A client
 * that sends typing:start in a loop then costs one fan-out per 3 s, not one per event, even in a 300-member group.
 */
export const TYPING_REBROADCAST_MS = 2_500;

/**
 * "Someone is typing": relayed to the chat's other participants (but not across a block) as volatile events (a lost one is harmless), and
 * stopped by the server itself when the typist goes quiet for 5 s or disconnects.
 */
export class TypingService {
  private readonly timers = new Map<
    string,
    { timer: NodeJS.Timeout; recipients: readonly string[]; broadcastAt: number }
  >();

  constructor(
    private readonly chats: ChatsService,
    private readonly events: EventPublisher,
    private readonly blocks: Pick<BlocksRepository, 'counterparts'>,
    private readonly expiresMs = TYPING_EXPIRES_MS,
  ) {}

  async start(userId: string, chatId: string): Promise<void> {
    // Nobody on either side of a block sees the other type, in any chat.
    const [participantIds, blocked] = await Promise.all([
      this.chats.requireParticipants(userId, chatId),
      this.blocks.counterparts(userId),
    ]);
    const recipients = participantIds.filter((id) => id !== userId && !blocked.has(id));
    const key = `${chatId}:${userId}`;
    const typing = this.timers.get(key);
    clearTimeout(typing?.timer);
    const timer = setTimeout(() => this.stop(userId, chatId), this.expiresMs);
    timer.unref();
    const now = Date.now();
    if (typing && now - typing.broadcastAt < TYPING_REBROADCAST_MS) {
      this.timers.set(key, { ...typing, timer });
      return;
    }
    this.timers.set(key, { timer, recipients, broadcastAt: now });
    this.events.toUsers(recipients, 'typing:start', { chatId, userId });
  }

  /** Idempotent: stopping when not typing does nothing. */
  stop(userId: string, chatId: string): void {
    const key = `${chatId}:${userId}`;
    const typing = this.timers.get(key);
    if (!typing) return;
    clearTimeout(typing.timer);
    this.timers.delete(key);
    this.events.toUsers(typing.recipients, 'typing:stop', { chatId, userId });
  }

  /** The user's last device left: whatever they were typing is over. */
  stopAll(userId: string): void {
    for (const key of [...this.timers.keys()]) {
      const [chatId = '', typist] = key.split(':');
      if (typist === userId) this.stop(userId, chatId);
    }
  }
}
