import { getErrorMessage } from '../../shared/api/errors';
import type { ContactRequest, User } from '@messenger/contract';
import * as contactsApi from './contactsApi';
import { useContactsStore } from './contactsStore';

const store = () => useContactsStore.getState();

const MAX_FETCHES = 3;

/**
 * Fetches both lists. A live event (or our own action) that lands while the fetch is in flight may be missing
 * from its older answer, and taking that answer would undo it: fetch again instead. The server sends events
 * after committing, so a fetch that starts after the event includes its change.
 */
export async function loadContacts(): Promise<void> {
  try {
    for (let fetches = 1; ; fetches += 1) {
      const revision = store().revision;
      const [contacts, requests] = await Promise.all([contactsApi.fetchContacts(), contactsApi.fetchContactRequests()]);
      if (store().revision === revision || fetches === MAX_FETCHES) {
        store().listsFetched(contacts, requests);
        return;
      }
    }
  } catch (error) {
    store().listsFetchFailed(getErrorMessage(error));
  }
}

/** Counts searches, so that only the latest one may show its answer (answers can arrive out of order). */
let latestSearch = 0;

export async function searchUsers(query: string): Promise<void> {
  const search = ++latestSearch;
  store().searchStarted(query);
  if (!query) return;
  try {
    const users = await contactsApi.searchUsers(query);
    if (search === latestSearch) store().searchAnswered(query, users);
  } catch (error) {
    if (search === latestSearch) store().searchFailed(query, getErrorMessage(error));
  }
}

/** If they had already asked us, the server accepts their request instead and we are contacts at once. */
export async function requestContact(user: User): Promise<void> {
  const result = await contactsApi.sendContactRequest(user.id);
  if ('contact' in result) store().contactAdded(result.contact);
  else store().requestSent(result.request);
}

export async function acceptRequest(requestId: string): Promise<void> {
  store().contactAdded(await contactsApi.acceptContactRequest(requestId));
}

export async function removeRequest(requestId: string): Promise<void> {
  await contactsApi.deleteContactRequest(requestId);
  store().requestRemoved(requestId);
}

export async function removeContact(userId: string): Promise<void> {
  await contactsApi.deleteContact(userId);
  store().contactRemoved(userId);
}

/** The `contact:request` event reaches both people: it is incoming or outgoing depending on who we are. */
export function receiveContactRequest({ id, from, to, createdAt }: ContactRequest, currentUserId: string): void {
  if (from.id === currentUserId) store().requestSent({ id, to, createdAt });
  else store().requestReceived({ id, from, createdAt });
}
