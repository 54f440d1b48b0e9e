import { create } from 'zustand';
import type {
  Contact,
  ContactRequestsResponse,
  IncomingContactRequest,
  OutgoingContactRequest,
  User,
} from '@messenger/contract';

interface UserSearch {
  query: string;
  /** null while the query has no answer yet */
  users: User[] | null;
  error: string | null;
}

interface ContactsState {
  contacts: Contact[];
  incoming: IncomingContactRequest[];
  outgoing: OutgoingContactRequest[];
  loaded: boolean;
  loadError: string | null;
  search: UserSearch;
  /** Counts changes to the lists, so that a fetch can tell that it raced with one (see loadContacts). */
  revision: number;
  listsFetched: (contacts: Contact[], requests: ContactRequestsResponse) => void;
  listsFetchFailed: (error: string) => void;
  requestReceived: (request: IncomingContactRequest) => void;
  requestSent: (request: OutgoingContactRequest) => void;
  /** Accepted elsewhere, declined or cancelled: gone from whichever list held it. */
  requestRemoved: (requestId: string) => void;
  /** Also settles any request between us and that user, in either direction. */
  contactAdded: (contact: Contact) => void;
  contactRemoved: (userId: string) => void;
  presenceChanged: (userId: string, presence: Partial<Pick<User, 'online' | 'lastSeenAt'>>) => void;
  searchStarted: (query: string) => void;
  searchAnswered: (query: string, users: User[]) => void;
  searchFailed: (query: string, error: string) => void;
  reset: () => void;
}

const byDisplayName = (a: Contact, b: Contact) => a.user.displayName.localeCompare(b.user.displayName);

const initialState = {
  contacts: [],
  incoming: [],
  outgoing: [],
  loaded: false,
  loadError: null,
  search: { query: '', users: null, error: null },
  revision: 0,
} satisfies Partial<ContactsState>;

export const useContactsStore = create<ContactsState>()((set) => ({
  ...initialState,
  listsFetched: (contacts, { incoming, outgoing }) =>
    set({ contacts: contacts.toSorted(byDisplayName), incoming, outgoing, loaded: true, loadError: null }),
  listsFetchFailed: (loadError) => set({ loadError }),
  requestReceived: (request) =>
    set((state) => ({
      incoming: [...state.incoming.filter((known) => known.id !== request.id), request],
      revision: state.revision + 1,
    })),
  requestSent: (request) =>
    set((state) => ({
      outgoing: [...state.outgoing.filter((known) => known.id !== request.id), request],
      revision: state.revision + 1,
    })),
  requestRemoved: (requestId) =>
    set((state) => ({
      incoming: state.incoming.filter((request) => request.id !== requestId),
      outgoing: state.outgoing.filter((request) => request.id !== requestId),
      revision: state.revision + 1,
    })),
  contactAdded: (contact) =>
    set((state) => ({
      contacts: [...state.contacts.filter((known) => known.user.id !== contact.user.id), contact].sort(byDisplayName),
      incoming: state.incoming.filter((request) => request.from.id !== contact.user.id),
      outgoing: state.outgoing.filter((request) => request.to.id !== contact.user.id),
      revision: state.revision + 1,
    })),
  contactRemoved: (userId) =>
    set((state) => ({
      contacts: state.contacts.filter((contact) => contact.user.id !== userId),
      revision: state.revision + 1,
    })),
  presenceChanged: (userId, presence) =>
    set((state) => ({
      contacts: state.contacts.map((contact) =>
        contact.user.id === userId ? { ...contact, user: { ...contact.user, ...presence } } : contact,
      ),
    })),
  searchStarted: (query) => set({ search: { query, users: null, error: null } }),
  searchAnswered: (query, users) => set({ search: { query, users, error: null } }),
  searchFailed: (query, error) => set({ search: { query, users: null, error } }),
  reset: () => set(initialState),
}));
