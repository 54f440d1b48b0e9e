import type { RunConfig } from '../cli';
import { seededRandom } from '../pool';

/** A chat of the planned world; members are user indices (0 … users-1), the first one creates it. */
export interface PlannedChat {
  type: 'direct' | 'group';
  members: number[];
}

export interface WorldPlan {
  /** Everything that shapes the world: a state file built for another fingerprint is rebuilt. */
  fingerprint: string;
  users: number;
  chats: PlannedChat[];
  /** Pairs of user indices that must be contacts (direct partners, group owner with each member). */
  contacts: [number, number][];
}

function pick(random: () => number, users: number, size: number, owner: number): number[] {
  const chosen = new Set([owner]);
  while (chosen.size < size) chosen.add(Math.floor(random() * users));
  return [...chosen];
}

/**
 * The same settings always give the same world: users paired into direct chats (0-1, 2-3, …), groups of
 * --group-size members with a random owner, and --large-groups groups of --large-group-size members.
 */
export function planWorld(config: RunConfig): WorldPlan {
  const random = seededRandom(config.users * 7919 + config.groups);
  const chats: PlannedChat[] = [];
  for (let a = 0; a + 1 < config.users; a += 2) chats.push({ type: 'direct', members: [a, a + 1] });
  const { min, max } = config.groupSize;
  for (let g = 0; g < config.groups; g++) {
    const size = min + Math.floor(random() * (max - min + 1));
    chats.push({ type: 'group', members: pick(random, config.users, size, Math.floor(random() * config.users)) });
  }
  for (let g = 0; g < config.largeGroups; g++) {
    const owner = Math.floor(random() * config.users);
    chats.push({ type: 'group', members: pick(random, config.users, config.largeGroupSize, owner) });
  }
  const contacts = new Map<string, [number, number]>();
  for (const chat of chats) {
    const [owner, ...others] = chat.members as [number, ...number[]];
    for (const other of others) {
      contacts.set(owner < other ? `${owner}:${other}` : `${other}:${owner}`, [owner, other]);
    }
  }
  const fingerprint = JSON.stringify({
    target: config.target,
    prefix: config.prefix,
    users: config.users,
    groups: config.groups,
    groupSize: config.groupSize,
    largeGroups: config.largeGroups,
    largeGroupSize: config.largeGroupSize,
  });
  return { fingerprint, users: config.users, chats, contacts: [...contacts.values()] };
}
