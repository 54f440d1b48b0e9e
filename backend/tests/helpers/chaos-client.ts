import request from 'supertest';
import type { Socket } from 'socket.io-client';
import type { TestNginx } from './nginx';

type MessageNew = { message: { seq: number; clientMsgId: string | null }; cursor?: string };
type SyncAnswer =
  | { ok: true; events: { event: string; payload: MessageNew }[]; cursor: string; hasMore: boolean }
  | { ok: false; error: { code: string } };

/** What a device went through, beyond its messages: for the test's report of what clients see during a fault. */
export interface ChaosClientLog {
  /** `message:send` that got no acknowledgement in time (or a refusal) and stayed in the outbox for a retry. */
  unacknowledged: number;
  /** `sync` answered CURSOR_EXPIRED: the device refetched by seq instead of replaying. */
  cursorExpired: number;
  /** A catch-up on reconnect that failed (history unreachable meanwhile); the next one, or the test's own, repeats it. */
  catchUpFailed: number;
}

/** A device as the web app behaves: acknowledged sends, an outbox of unacknowledged ones, sync on reconnect. */
export class ChaosClient {
  readonly received = new Map<number, string>();
  /** Messages pushed to this device live (`message:new`), by seq. */
  readonly pushed = new Set<number>();
  readonly sent: string[] = [];
  readonly log: ChaosClientLog = { unacknowledged: 0, cursorExpired: 0, catchUpFailed: 0 };
  private readonly outbox = new Map<string, string>();
  private cursor: string | null = null;
  private counter = 0;
  reconnects = 0;
  readonly socket: Socket;

  constructor(
    private readonly nginx: TestNginx,
    readonly name: string,
    private readonly token: string,
    localAddress: string,
    private readonly chatId: string,
  ) {
    this.socket = nginx.socket(token, localAddress, { reconnectionDelay: 100, reconnectionDelayMax: 500 });
    this.socket.on('message:new', ({ message, cursor }: MessageNew) => {
      this.received.set(message.seq, message.clientMsgId ?? '');
      this.pushed.add(message.seq);
      if (cursor) this.cursor = cursor;
    });
    // Nobody awaits this catch-up, so a failure is counted rather than left as an unhandled rejection.
    this.socket.on('connect', () => void this.catchUp().catch(() => this.log.catchUpFailed++));
    this.socket.io.on('reconnect', () => this.reconnects++);
  }

  ready(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.cursor ? resolve() : setTimeout(check, 20));
      check();
    });
  }

  send(): void {
    const clientMsgId = `${this.name}-${++this.counter}`;
    this.sent.push(clientMsgId);
    this.outbox.set(clientMsgId, `message ${clientMsgId}`);
    void this.deliver(clientMsgId);
  }

  get pending(): number {
    return this.outbox.size;
  }

  private async deliver(clientMsgId: string): Promise<void> {
    const content = this.outbox.get(clientMsgId);
    if (!content || !this.socket.connected) return;
    const ack = await this.socket
      .timeout(3_000)
      .emitWithAck('message:send', { chatId: this.chatId, clientMsgId, content })
      .catch(() => ({ ok: false }));
    if (ack.ok) {
      this.outbox.delete(clientMsgId);
      this.received.set(ack.message.seq, clientMsgId);
    } else {
      this.log.unacknowledged++;
    }
  }

  /**
   * Events the server recorded but this device never got pushed (its socket may have been on the dead instance).
   * A cursor the log cannot answer for is refetched by seq, then the device starts over with a fresh cursor.
   */
  async catchUp(): Promise<void> {
    for (let more = true; more;) {
      const answer = (await this.socket
        .timeout(5_000)
        .emitWithAck('sync', { cursor: this.cursor })
        .catch(() => null)) as SyncAnswer | null;
      if (answer && !answer.ok && answer.error.code === 'CURSOR_EXPIRED') {
        this.log.cursorExpired++;
        await this.fillGaps();
        this.cursor = null;
        continue;
      }
      if (!answer?.ok) return;
      for (const { event, payload } of answer.events) {
        if (event === 'message:new') this.received.set(payload.message.seq, payload.message.clientMsgId ?? '');
      }
      this.cursor = answer.cursor;
      more = answer.hasMore;
    }
    for (const clientMsgId of [...this.outbox.keys()]) await this.deliver(clientMsgId);
  }

  /**
   * Gap detection by seq: a hole below the highest seq this device knows is fetched from PostgreSQL, the truth
   * (a message committed by an instance that died before recording its event exists only there), and then
   * whatever came after it, as the web app refetches an open chat.
   */
  async fillGaps(): Promise<void> {
    const highest = Math.max(0, ...this.received.keys());
    for (let seq = 1; seq <= highest; seq++) {
      if (!this.received.has(seq)) await this.fetchAfter(seq - 1);
    }
    while ((await this.fetchAfter(Math.max(0, ...this.received.keys()))) > 0);
  }

  /** One page of the chat's messages after `seq` from PostgreSQL; how many came. */
  private async fetchAfter(seq: number): Promise<number> {
    // A request nginx had already sent to the instance being killed fails (502/503): the web app asks again.
    let page = await this.fetchPage(seq);
    for (let attempt = 1; page.status !== 200 && attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      page = await this.fetchPage(seq);
    }
    if (page.status !== 200) throw new Error(`history after ${seq}: ${page.status} ${JSON.stringify(page.body)}`);
    const messages = page.body.messages as { seq: number; clientMsgId: string | null }[];
    for (const message of messages) this.received.set(message.seq, message.clientMsgId ?? '');
    return messages.length;
  }

  private fetchPage(seq: number) {
    return request(this.nginx.url)
      .get(`/api/chats/${this.chatId}/messages?after=${seq}&limit=50`)
      .set('Authorization', `Bearer ${this.token}`);
  }

  /** Retries whatever is still unacknowledged (the web app's outbox does this on a timer too). */
  async flush(): Promise<void> {
    for (const clientMsgId of [...this.outbox.keys()]) await this.deliver(clientMsgId);
  }
}
