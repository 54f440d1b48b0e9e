import { randomUUID } from 'node:crypto';

export const PASSWORD = 'a long password';

export interface Account {
  username: string;
  id: string;
  token: string;
}

export interface SeededChat {
  id: string;
  name: string;
  /** The start of the newest message's text (`<name> #<n> `): what the chat shows at the bottom once open. */
  lastMarker: string;
}

/** The data of one run: a user per scenario, so that each sees only its own chats. */
export interface Seed {
  /** 32 groups of 60 messages each. */
  switcher: { account: Account; chats: SeededChat[] };
  /** One group of 10,000 messages. */
  scroller: { account: Account; chat: SeededChat };
  /** 200 groups of 3 messages each. */
  crowd: { account: Account; chats: SeededChat[] };
}

export const SWITCH_CHATS = 32;
export const SWITCH_MESSAGES = 60;
/** WEB_PERF_LONG_MESSAGES makes a quicker trial run. */
export const LONG_MESSAGES = Number(process.env.WEB_PERF_LONG_MESSAGES ?? 10_000);
export const CROWD_CHATS = 200;
export const CROWD_MESSAGES = 3;
const CONCURRENCY = 12;

class Api {
  constructor(private readonly baseUrl: string) {}

  async post<T>(path: string, token: string | null, body: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async register(username: string, displayName: string): Promise<Account> {
    const { user, accessToken } = await this.post<{ user: { id: string }; accessToken: string }>(
      '/api/auth/register',
      null,
      { username, displayName, password: PASSWORD },
    );
    return { username, id: user.id, token: accessToken };
  }

  async connect(from: Account, to: Account): Promise<void> {
    const { request } = await this.post<{ request: { id: string } }>('/api/contacts/requests', from.token, {
      userId: to.id,
    });
    await this.post(`/api/contacts/requests/${request.id}/accept`, to.token, {});
  }

  async group(owner: Account, name: string, members: Account[]): Promise<string> {
    const { chat } = await this.post<{ chat: { id: string } }>('/api/chats/group', owner.token, {
      name,
      memberIds: members.map((member) => member.id),
    });
    return chat.id;
  }

  send(sender: Account, chatId: string, content: string): Promise<unknown> {
    return this.post(`/api/chats/${chatId}/messages`, sender.token, { clientMsgId: randomUUID(), content });
  }
}

/** Runs `task` for every item, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const WORDS =
  'the quick brown fox jumps over a lazy dog while we ship the release notes and review **bold** _plans_'.split(' ');

/** A message of 3–40 words, deterministic per (chat, n); every 7th spans several lines of the bubble. */
function text(label: string, n: number): string {
  const words = 3 + ((n * 7919) % (n % 7 === 0 ? 40 : 12));
  const body = Array.from({ length: words }, (_, i) => WORDS[(n + i * 3) % WORDS.length]).join(' ');
  return `${marker(label, n)}${body}`;
}

/**
 * Messages of one chat in order (each takes the chat's next seq on the server), alternating between the two
 * members; the newest is `owner`'s, so the chat opens at the bottom with nothing unread for the owner.
 */
async function fill(api: Api, chatId: string, label: string, count: number, owner: Account, other: Account) {
  for (let n = 1; n <= count; n += 1) {
    await api.send(n % 2 === count % 2 ? owner : other, chatId, text(label, n));
  }
  return marker(label, count);
}

const marker = (label: string, n: number) => `${label} #${n} `;

async function groups(
  api: Api,
  owner: Account,
  other: Account,
  prefix: string,
  count: number,
  messages: number,
): Promise<SeededChat[]> {
  const chats: SeededChat[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = `${prefix} ${String(i + 1).padStart(3, '0')}`;
    chats.push({ id: await api.group(owner, name, [other]), name, lastMarker: '' });
  }
  // Chats in parallel, each chat's messages in order.
  await pool(chats, CONCURRENCY, async (chat) => {
    chat.lastMarker = await fill(api, chat.id, chat.name, messages, owner, other);
  });
  return chats;
}

/**
 * Everything through the public REST API, as clients create it, so every seq is the server's own. The
 * 10,000-message chat is written by CONCURRENCY senders at once (the server serialises them on the chat's row
 * lock): the numbers in the texts are then only roughly in seq order, which the scrolling does not care about.
 */
export async function seed(baseUrl: string, log: (line: string) => void): Promise<Seed> {
  const api = new Api(baseUrl);
  const [switcher, scroller, crowd, partner] = await Promise.all(
    [
      ['switcher', 'Switch Tester'],
      ['scroller', 'Scroll Tester'],
      ['crowd', 'Crowd Tester'],
      ['partner', 'Pat Partner'],
    ].map(([username, name]) => api.register(username as string, name as string)),
  );
  if (!switcher || !scroller || !crowd || !partner) throw new Error('registration failed');
  for (const account of [switcher, scroller, crowd]) await api.connect(account, partner);

  let begin = Date.now();
  const switchChats = await groups(api, switcher, partner, 'Switch', SWITCH_CHATS, SWITCH_MESSAGES);
  log(`seeded ${SWITCH_CHATS} chats × ${SWITCH_MESSAGES} messages in ${Date.now() - begin} ms`);

  begin = Date.now();
  const crowdChats = await groups(api, crowd, partner, 'Crowd', CROWD_CHATS, CROWD_MESSAGES);
  log(`seeded ${CROWD_CHATS} chats × ${CROWD_MESSAGES} messages in ${Date.now() - begin} ms`);

  begin = Date.now();
  const longId = await api.group(scroller, 'Long history', [partner]);
  const numbers = Array.from({ length: LONG_MESSAGES - 1 }, (_, i) => i + 1);
  await pool(numbers, CONCURRENCY, (n) => api.send(n % 2 ? partner : scroller, longId, text('Long', n)));
  // The newest, sent last and alone: the chat opens on it.
  await api.send(scroller, longId, text('Long', LONG_MESSAGES));
  log(`seeded 1 chat × ${LONG_MESSAGES} messages in ${Date.now() - begin} ms`);

  return {
    switcher: { account: switcher, chats: switchChats },
    scroller: {
      account: scroller,
      chat: { id: longId, name: 'Long history', lastMarker: marker('Long', LONG_MESSAGES) },
    },
    crowd: { account: crowd, chats: crowdChats },
  };
}
