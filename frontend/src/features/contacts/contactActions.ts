import { getErrorMessage } from '../../shared/api/errors';
import type { User } from '../../shared/api/types';
import * as contactsApi from './contactsApi';
import { useContactsStore } from './contactsStore';

const store = () => useContactsStore.getState();

export async function loadContacts(): Promise<void> {
  try {
    const [contacts, requests] = await Promise.all([contactsApi.fetchContacts(), contactsApi.fetchContactRequests()]);
    store().listsFetched(contacts, requests);
  } catch (error) {
    store().listsFetchFailed(getErrorMessage(error));
  }
}

export async function searchUsers(query: string): Promise<void> {
  store().searchStarted(query);
  if (!query) return;
  try {
    store().searchAnswered(query, await contactsApi.searchUsers(query));
  } catch (error) {
    store().searchFailed(query, getErrorMessage(error));
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
