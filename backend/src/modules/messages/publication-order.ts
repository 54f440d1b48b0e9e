/** One write's hold on the chats it writes to, and the publications of the messages it committed. */
export interface PublicationTicket {
  /** After commit: publishes the message that took `seq` in `chatId`, in its turn. */
  add(chatId: string, seq: number, publish: () => unknown): void;
  /**
   * The write is over (committed or failed): resolves once everything it added has been published, or rejects with
   * the first of its publications that failed (the others still go out).
   */
  end(): Promise<void>;
}

interface Publication {
  seq: number;
  publish: () => unknown;
  settle: (error?: unknown) => void;
}

interface ChatState {
  /** Writes to this chat that began and have not ended: any of them may hold a lower seq than what is ready. */
  running: number;
  ready: Publication[];
  flushing: boolean;
}

/**
 * Publishes each chat's messages in seq order among this instance's writes: the batches of sends and the group
 * changes with their system messages, which commit in separate transactions and would otherwise publish in
 * whichever order their answers came back. A write names its chats before it starts (`begin`) and hands in each
 * committed message; a chat's messages wait while a write that began earlier for that chat is still running (it
 * may have committed a lower seq), then go out in seq order. A write that begins later can only take a higher seq
 * (the chat's row lock orders them), so it holds nothing up. Writes of other instances are published by those;
 * clients still order what they receive from several instances by seq.
 */
export class ChatPublicationOrder {
  private readonly chats = new Map<string, ChatState>();

  begin(chatIds: readonly string[]): PublicationTicket {
    const held = [...new Set(chatIds)];
    for (const chatId of held) this.stateOf(chatId).running++;
    const published: Promise<void>[] = [];
    let ended = false;
    return {
      add: (chatId, seq, publish) => {
        const state = this.chats.get(chatId);
        if (!state || !held.includes(chatId)) throw new Error(`chat ${chatId} was not named when the write began`);
        const settled = new Promise<void>((resolve, reject) => {
          state.ready.push({ seq, publish, settle: (error) => (error === undefined ? resolve() : reject(error)) });
        });
        published.push(settled);
      },
      end: async () => {
        if (!ended) {
          ended = true;
          for (const chatId of held) {
            this.stateOf(chatId).running--;
            void this.flush(chatId);
          }
        }
        await Promise.all(published);
      },
    };
  }

  private stateOf(chatId: string): ChatState {
    let state = this.chats.get(chatId);
    if (!state) {
      state = { running: 0, ready: [], flushing: false };
      this.chats.set(chatId, state);
    }
    return state;
  }

  private async flush(chatId: string): Promise<void> {
    const state = this.chats.get(chatId);
    if (!state || state.flushing) return;
    state.flushing = true;
    while (state.running === 0 && state.ready.length > 0) {
      state.ready.sort((a, b) => a.seq - b.seq);
      const next = state.ready.shift() as Publication;
      try {
        await next.publish();
        next.settle();
      } catch (error) {
        next.settle(error ?? new Error('publication failed'));
      }
    }
    state.flushing = false;
    if (state.running === 0 && state.ready.length === 0) this.chats.delete(chatId);
  }
}
