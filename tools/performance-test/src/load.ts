import type { Connections, MessengerSocket } from './connections';
import type { Metrics } from './metrics';
import { nowMs } from './pool';
import { OpenLoopSchedule, runSchedule } from './schedule';
import { messageId, trafficPlan } from './traffic';
import type { WorldState } from './world/state';

export interface SendOptions {
  world: WorldState;
  connections: Connections;
  metrics: Metrics;
  runId: string;
  rate: number;
  duration: number;
  groupShare: number;
  ackTimeout: number;
  startMs: number;
}

/**
 * Sends this process's share of the schedule (the messages whose sender it holds) without waiting for
 * acknowledgements. Each message expects one delivery per other member of its chat.
 */
export async function sendLoad(options: SendOptions): Promise<void> {
  const { world, connections, metrics, runId } = options;
  const schedule = new OpenLoopSchedule(options.rate, options.duration, options.startMs);
  const plan = trafficPlan(world.chats, options.groupShare);
  await runSchedule(schedule, (n, intendedMs, actualMs) => {
    const { chat, sender } = plan(n);
    const socket: MessengerSocket | undefined = connections.sockets.get(sender);
    if (!socket) return; // another worker holds this sender
    metrics.recordSend(intendedMs, actualMs, chat.members.length - 1);
    const clientMsgId = messageId(runId, n, intendedMs);
    const content = `perf ${runId} #${n} intended ${new Date(intendedMs).toISOString()}`;
    socket
      .timeout(options.ackTimeout * 1000)
      .emit('message:send', { chatId: chat.id, clientMsgId, content }, (error, ack) => {
        if (error) return metrics.error('ack: timeout');
        if (!ack.ok) return metrics.error(`ack: ${ack.error.code}`);
        metrics.recordAck(intendedMs, nowMs());
      });
  });
}
