import axios, { type AxiosInstance } from 'axios';
import type { LoadConfig } from './config';

export interface LoadUser {
  id: string;
  username: string;
  token: string;
}

export interface Pair {
  chatId: string;
  a: LoadUser;
  b: LoadUser;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) {
    results.push(...(await Promise.all(items.slice(start, start + limit).map(work))));
  }
  return results;
}

/**
 * Signs in `perf_<n>` users (registering those that do not exist yet) and makes them pairs of contacts with a
 * direct chat each. Registration costs the server a bcrypt hash: for thousands of users, seed them (see README).
 */
export async function prepare(config: LoadConfig, onProgress: (done: number) => void): Promise<Pair[]> {
  const http: AxiosInstance = axios.create({ baseURL: config.targetUrl, validateStatus: () => true, timeout: 30_000 });
  let done = 0;
  const users = await inBatches([...Array(config.users).keys()], 10, async (n) => {
    const username = `${config.userPrefix}_${n}`;
    let response = await http.post('/api/auth/login', { username, password: config.password });
    if (response.status === 401) {
      response = await http.post('/api/auth/register', { username, password: config.password });
    }
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`cannot sign in ${username}: ${response.status} ${JSON.stringify(response.data)}`);
    }
    onProgress(++done);
    const body = response.data as { user: { id: string }; accessToken: string };
    return { id: body.user.id, username, token: body.accessToken };
  });

  const pairs = [...Array(config.users / 2).keys()].map(
    (i) => [users[2 * i], users[2 * i + 1]] as [LoadUser, LoadUser],
  );
  return inBatches(pairs, 10, async ([a, b]) => {
    const as = (user: LoadUser) => ({ headers: { Authorization: `Bearer ${user.token}` } });
    const request = await http.post('/api/contacts/requests', { userId: b.id }, as(a));
    if (request.status === 201) {
      await http.post(
        `/api/contacts/requests/${(request.data as { request: { id: string } }).request.id}/accept`,
        {},
        as(b),
      );
    } else if (request.status !== 409 && request.status !== 200) {
      throw new Error(`cannot make ${a.username} and ${b.username} contacts: ${request.status}`);
    }
    const chat = await http.post('/api/chats/direct', { userId: b.id }, as(a));
    if (chat.status !== 200 && chat.status !== 201) throw new Error(`cannot open a chat: ${chat.status}`);
    return { chatId: (chat.data as { chat: { id: string } }).chat.id, a, b };
  });
}
