import { seededRandom } from './pool';
import type { WorldChat } from './world/state';

export interface Outgoing {
  chat: WorldChat;
  sender: number;
}

/**
 * Which chat message n goes to and who sends it: a --group-share of the messages go to a random group, the rest
 * to a random direct chat, from a random member. The same seed gives the same traffic in every worker, so each
 * worker sends exactly the messages of the users it holds.
 */
export function trafficPlan(chats: WorldChat[], groupShare: number, seed = 42): (n: number) => Outgoing {
  const direct = chats.filter((chat) => chat.type === 'direct');
  const groups = chats.filter((chat) => chat.type === 'group');
  const cache: Outgoing[] = [];
  const random = seededRandom(seed);
  return (n) => {
    while (cache.length <= n) {
      const useGroup = groups.length > 0 && (direct.length === 0 || random() < groupShare);
      const from = useGroup ? groups : direct;
      const chat = from[Math.floor(random() * from.length)] as WorldChat;
      const sender = chat.members[Math.floor(random() * chat.members.length)] as number;
      cache.push({ chat, sender });
    }
    return cache[n] as Outgoing;
  };
}

/** The id every load-test message carries: run, message number and intended send time (µs since the epoch). */
export const messageId = (runId: string, n: number, intendedMs: number) =>
  `pt-${runId}-${n}-${Math.round(intendedMs * 1000)}`;

export function parseMessageId(clientMsgId: string | null | undefined, runId: string) {
  const match = /^pt-([a-z0-9]+)-(\d+)-(\d+)$/.exec(clientMsgId ?? '');
  if (!match || match[1] !== runId) return undefined;
  return { n: Number(match[2]), intendedMs: Number(match[3]) / 1000 };
}
