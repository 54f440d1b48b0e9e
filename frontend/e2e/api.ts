import { randomUUID } from 'node:crypto';
import { PASSWORD } from './fixture';

/** Someone registered through the REST API: a quick way to set up a history that a test then opens in a browser. */
export interface Account {
  token: string;
  id: string;
}

/** Calls the API as `token` (or anonymously), failing on any error status. */
export async function callApi<T>(
  serverUrl: string,
  path: string,
  token: string | null,
  body?: unknown,
  method = 'POST',
): Promise<T> {
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function registerByApi(serverUrl: string, username: string, displayName?: string): Promise<Account> {
  const { accessToken, user } = await callApi<{ accessToken: string; user: { id: string } }>(
    serverUrl,
    '/api/auth/register',
    null,
    { username, password: PASSWORD, ...(displayName && { displayName }) },
  );
  return { token: accessToken, id: user.id };
}

/** Two accounts made contacts, and their direct chat's id. */
export async function directChatByApi(serverUrl: string, first: Account, second: Account): Promise<string> {
  const { request } = await callApi<{ request: { id: string } }>(serverUrl, '/api/contacts/requests', first.token, {
    userId: second.id,
  });
  await callApi(serverUrl, `/api/contacts/requests/${request.id}/accept`, second.token, {});
  const { chat } = await callApi<{ chat: { id: string } }>(serverUrl, '/api/chats/direct', first.token, {
    userId: second.id,
  });
  return chat.id;
}

/** Sends a message; answers its id. */
export const sendByApi = (serverUrl: string, account: Account, chatId: string, content: string, replyToId?: string) =>
  callApi<{ message: { id: string } }>(serverUrl, `/api/chats/${chatId}/messages`, account.token, {
    clientMsgId: randomUUID(),
    content,
    ...(replyToId && { replyToId }),
  }).then(({ message }) => message.id);
