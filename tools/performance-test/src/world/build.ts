import type {
  AuthResponse,
  ChatResponse,
  ContactRequestResponse,
  CreateGroupRequest,
  LoginRequest,
  RefreshResponse,
} from '@messenger/contract';
import type { RunConfig } from '../cli';
import { mapLimit } from '../pool';
import { Api } from './api';
import type { WorldPlan } from './plan';
import { loadWorld, saveWorld, type WorldChat, type WorldState, type WorldUser } from './state';

export interface SetupStats {
  reused: boolean;
  /** Why a --reuse run rebuilt its world, when it did. */
  rebuildReason?: string;
  registered: number;
  loggedIn: number;
  refreshed: number;
  contactRequests: number;
  chatsCreated: number;
  seconds: number;
}

export type Progress = (phase: string, done: number, total: number) => void;

type Tokens = RefreshResponse & { user: Pick<AuthResponse['user'], 'id'> };

/**
 * The users, contacts and chats of the plan, reused from the world file when --reuse is on and it still matches
 * the target (every refresh token still works, every chat still has exactly its members), else built through the
 * API with bounded concurrency. Reused users are signed in with their refresh token: no bcrypt work on the server.
 */
export async function prepareWorld(config: RunConfig, plan: WorldPlan, progress: Progress) {
  const started = Date.now();
  const api = new Api(config.target);
  const stats: SetupStats = {
    reused: false,
    registered: 0,
    loggedIn: 0,
    refreshed: 0,
    contactRequests: 0,
    chatsCreated: 0,
    seconds: 0,
  };
  const previous = config.reuse ? loadWorld(config.world) : undefined;
  if (config.reuse) {
    if (!previous) stats.rebuildReason = `no usable world file at ${config.world}`;
    else if (previous.fingerprint !== plan.fingerprint)
      stats.rebuildReason = 'the world file was built for other settings';
  }
  const users = await signIn(api, config, plan, previous, stats, progress);
  let state: WorldState | undefined;
  if (previous && previous.fingerprint === plan.fingerprint) {
    const mismatch = await verifyChats(api, config, previous.chats, users, progress);
    if (mismatch) stats.rebuildReason = mismatch;
    else state = { ...previous, users };
    stats.reused = !mismatch;
  }
  state ??= {
    version: 1,
    fingerprint: plan.fingerprint,
    createdAt: new Date().toISOString(),
    users,
    chats: await buildChats(api, config, plan, users, stats, progress),
  };
  saveWorld(config.world, state);
  stats.seconds = (Date.now() - started) / 1000;
  return { state, stats };
}

async function signIn(
  api: Api,
  config: RunConfig,
  plan: WorldPlan,
  previous: WorldState | undefined,
  stats: SetupStats,
  progress: Progress,
) {
  const known = new Map(previous?.users.map((user) => [user.username, user]));
  const body = (n: number): LoginRequest => ({ username: `${config.prefix}_${n}`, password: config.password });
  // One probe decides the order: on a fresh server registering first saves a failed login per user; on a used
  // one logging in first saves a wasted bcrypt hash (the server hashes before it finds the name taken).
  const fresh = known.size === 0 && (await api.request('post', '/api/auth/login', body(0))).status === 401;
  let done = 0;
  return mapLimit([...Array(plan.users).keys()], config.concurrency, async (n): Promise<WorldUser> => {
    const username = `${config.prefix}_${n}`;
    const stored = known.get(username);
    let tokens: Tokens | undefined;
    if (stored) {
      const response = await api.request('post', '/api/auth/refresh', { refreshToken: stored.refreshToken });
      if (response.status === 200) {
        tokens = { ...(response.data as RefreshResponse), user: { id: stored.id } };
        stats.refreshed++;
      }
    }
    for (const step of fresh ? (['register', 'login'] as const) : (['login', 'register'] as const)) {
      if (tokens) break;
      const response = await api.request('post', `/api/auth/${step}`, body(n));
      if (response.status === 200 || response.status === 201) {
        tokens = response.data as AuthResponse;
        stats[step === 'register' ? 'registered' : 'loggedIn']++;
      } else if (![401, 409].includes(response.status)) {
        throw new Error(`cannot ${step} ${username}: ${response.status} ${JSON.stringify(response.data)}`);
      }
    }
    if (!tokens) throw new Error(`cannot sign in ${username}: wrong --password for an existing user?`);
    progress('signing in', ++done, plan.users);
    return { id: tokens.user.id, username, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  });
}

/** Undefined when every chat of the file still exists with exactly its members, else what differs. */
async function verifyChats(api: Api, config: RunConfig, chats: WorldChat[], users: WorldUser[], progress: Progress) {
  let done = 0;
  const problems = await mapLimit(chats, config.concurrency, async (chat) => {
    const owner = users[chat.members[0] ?? -1];
    const response = owner
      ? await api.request('get', `/api/chats/${chat.id}`, undefined, owner.accessToken)
      : undefined;
    progress('verifying chats', ++done, chats.length);
    if (response?.status !== 200) return `chat ${chat.id} is gone (${response?.status ?? 'no owner'})`;
    const found = (response.data as ChatResponse).chat.participants;
    const expected = new Set(chat.members.map((index) => users[index]?.id));
    const same = found.length === expected.size && found.every((participant) => expected.has(participant.user.id));
    return same ? undefined : `chat ${chat.id} has other members than the world file says`;
  });
  return problems.find((problem) => problem !== undefined);
}

async function buildChats(
  api: Api,
  config: RunConfig,
  plan: WorldPlan,
  users: WorldUser[],
  stats: SetupStats,
  progress: Progress,
) {
  const user = (index: number) => users[index] as WorldUser;
  let done = 0;
  await mapLimit(plan.contacts, config.concurrency, async ([a, b]) => {
    await befriend(api, user(a), user(b), stats);
    progress('contacts', ++done, plan.contacts.length);
  });
  done = 0;
  let groupNumber = 0;
  return mapLimit(plan.chats, config.concurrency, async (chat): Promise<WorldChat> => {
    const [owner, ...others] = chat.members.map(user) as [WorldUser, ...WorldUser[]];
    const response =
      chat.type === 'direct'
        ? await api.expect([200, 201], 'post', '/api/chats/direct', { userId: others[0]?.id }, owner.accessToken)
        : await api.expect(
            [201],
            'post',
            '/api/chats/group',
            {
              name: `${config.prefix} load group ${++groupNumber}`,
              memberIds: others.map((other) => other.id),
            } satisfies CreateGroupRequest,
            owner.accessToken,
          );
    if (response.status === 201) stats.chatsCreated++;
    progress('chats', ++done, plan.chats.length);
    return { id: (response.data as ChatResponse).chat.id, type: chat.type, members: chat.members };
  });
}

/** Makes a and b contacts, whatever state a previous (perhaps interrupted) run left them in. */
async function befriend(api: Api, a: WorldUser, b: WorldUser, stats: SetupStats): Promise<void> {
  stats.contactRequests++;
  const request = await api.expect([200, 201, 409], 'post', '/api/contacts/requests', { userId: b.id }, a.accessToken);
  if (request.status === 201) {
    const { id } = (request.data as ContactRequestResponse).request;
    await api.expect([200], 'post', `/api/contacts/requests/${id}/accept`, {}, b.accessToken);
  } else if (request.status === 409) {
    // Already contacts, or a's request is pending from an earlier run: b's request accepts it (200) or is a 409 too.
    await api.expect([200, 409], 'post', '/api/contacts/requests', { userId: a.id }, b.accessToken);
  }
}
