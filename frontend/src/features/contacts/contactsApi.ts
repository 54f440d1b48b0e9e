import { api } from '../../shared/api/client';
import type {
  Contact,
  ContactRequestsResponse,
  ContactResponse,
  ContactsResponse,
  SendContactRequestResponse,
  User,
  UsersResponse,
} from '@messenger/contract';

const requestPath = (requestId: string) => `/api/contacts/requests/${encodeURIComponent(requestId)}`;

const SEARCH_LIMIT = 20;

/** Matches usernames and display names, best matches first; never includes yourself. */
export async function searchUsers(query: string): Promise<User[]> {
  const { data } = await api.get<UsersResponse>('/api/users/search', { params: { q: query, limit: SEARCH_LIMIT } });
  return data.users;
}

export async function fetchContacts(): Promise<Contact[]> {
  const { data } = await api.get<ContactsResponse>('/api/contacts');
  return data.contacts;
}

export async function fetchContactRequests(): Promise<ContactRequestsResponse> {
  const { data } = await api.get<ContactRequestsResponse>('/api/contacts/requests');
  return data;
}

export async function sendContactRequest(userId: string): Promise<SendContactRequestResponse> {
  const { data } = await api.post<SendContactRequestResponse>('/api/contacts/requests', { userId });
  return data;
}

export async function acceptContactRequest(requestId: string): Promise<Contact> {
  const { data } = await api.post<ContactResponse>(`${requestPath(requestId)}/accept`);
  return data.contact;
}

/** The recipient declines, or the sender cancels. */
export async function deleteContactRequest(requestId: string): Promise<void> {
  await api.delete(requestPath(requestId));
}

/** `userId` is the other person; the chat history with them stays. */
export async function deleteContact(userId: string): Promise<void> {
  await api.delete(`/api/contacts/${encodeURIComponent(userId)}`);
}
