import { build } from 'hdr-histogram-js';
import { io, type Socket } from 'socket.io-client';
import type { LoadConfig } from './config';
import type { Pair } from './setup';

export interface LoadResult {
  connected: number;
  sent: number;
  acknowledged: number;
  delivered: number;
  failed: number;
  delivery: ReturnType<typeof build>;
  acknowledgement: ReturnType<typeof build>;
}

const microsSince = (start: bigint) => Number((process.hrtime.bigint() - start) / 1000n);

/**
 * Every user holds a WebSocket; messages go out at the configured rate, round-robin over the pairs, alternating
 * direction. Delivery latency runs from the send until the partner's socket receives `message:new`.
 */
export async function runLoad(config: LoadConfig, pairs: Pair[], onTick: (sent: number) => void): Promise<LoadResult> {
  const result: LoadResult = {
    connected: 0,
    sent: 0,
    acknowledged: 0,
    delivered: 0,
    failed: 0,
    delivery: build(),
    acknowledgement: build(),
  };
  const inFlight = new Map<string, { start: bigint; recipient: string }>();
  const sockets = new Map<string, Socket>();

  await Promise.all(
    pairs
      .flatMap((pair) => [pair.a, pair.b])
      .map(
        (user) =>
          new Promise<void>((resolve, reject) => {
            const socket = io(config.targetUrl, {
              auth: { token: user.token },
              transports: ['websocket'],
              forceNew: true,
            });
            socket.on('message:new', ({ message }: { message: { clientMsgId: string | null } }) => {
              const pending = message.clientMsgId ? inFlight.get(message.clientMsgId) : undefined;
              if (!pending || pending.recipient !== user.id) return;
              inFlight.delete(message.clientMsgId ?? '');
              result.delivery.recordValue(microsSince(pending.start));
              result.delivered++;
            });
            socket.once('connect', () => {
              result.connected++;
              resolve();
            });
            socket.once('connect_error', (error) => reject(new Error(`${user.username}: ${error.message}`)));
            sockets.set(user.id, socket);
          }),
      ),
  );

  const intervalMs = 1000 / config.messagesPerSecond;
  const total = Math.round(config.messagesPerSecond * config.durationSeconds);
  const runId = Date.now().toString(36);
  const started = Date.now();
  for (let n = 0; n < total; n++) {
    const pair = pairs[n % pairs.length];
    if (!pair) break;
    const [from, to] = Math.floor(n / pairs.length) % 2 === 0 ? [pair.a, pair.b] : [pair.b, pair.a];
    const clientMsgId = `${runId}-${n}`;
    const start = process.hrtime.bigint();
    inFlight.set(clientMsgId, { start, recipient: to.id });
    sockets
      .get(from.id)
      ?.timeout(10_000)
      .emitWithAck('message:send', { chatId: pair.chatId, clientMsgId, content: `load ${n}` })
      .then(
        (ack: { ok: boolean }) => {
          if (!ack.ok) return void result.failed++;
          result.acknowledged++;
          result.acknowledgement.recordValue(microsSince(start));
        },
        () => void result.failed++,
      );
    result.sent++;
    onTick(result.sent);
    const wait = started + (n + 1) * intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  for (let waited = 0; waited < 10_000 && inFlight.size > 0; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const socket of sockets.values()) socket.disconnect();
  return result;
}
