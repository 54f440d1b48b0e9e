import { create } from 'zustand';
import type {
  Contact,
  ContactRequestsResponse,
  IncomingContactRequest,
  OutgoingContactRequest,
  User,
} from '../../shared/api/types';

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
  listsFetched: (contacts: Contact[], requests: ContactRequestsResponse) => void;
  listsFetchFailed: (error: string) => void;
  requestReceived: (request: IncomingContactRequest) => void;
  requestSent: (request: OutgoingContactRequest) => void;
  requestRemoved: (requestId: string) => void;
  /** Also settles any request between us and that user, in either direction. */
  contactAdded: (contact: Contact) => void;
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
} satisfies Partial<ContactsState>;

export const useContactsStore = create<ContactsState>()((set) => ({
  ...initialState,
  listsFetched: (contacts, { incoming, outgoing }) =>
    set({ contacts: contacts.toSorted(byDisplayName), incoming, outgoing, loaded: true, loadError: null }),
  listsFetchFailed: (loadError) => set({ loadError }),
  requestReceived: (request) =>
    set((state) => ({ incoming: [...state.incoming.filter((known) => known.id !== request.id), request] })),
  requestSent: (request) =>
    set((state) => ({ outgoing: [...state.outgoing.filter((known) => known.id !== request.id), request] })),
  requestRemoved: (requestId) =>
    set((state) => ({
      incoming: state.incoming.filter((request) => request.id !== requestId),
      outgoing: state.outgoing.filter((request) => request.id !== requestId),
    })),
  contactAdded: (contact) =>
    set((state) => ({
      contacts: [...state.contacts.filter((known) => known.user.id !== contact.user.id), contact].sort(byDisplayName),
      incoming: state.incoming.filter((request) => request.from.id !== contact.user.id),
      outgoing: state.outgoing.filter((request) => request.to.id !== contact.user.id),
    })),
  searchStarted: (query) => set({ search: { query, users: null, error: null } }),
  // An answer to an older query that arrives late must not replace the current one.
  searchAnswered: (query, users) =>
    set((state) => (state.search.query === query ? { search: { query, users, error: null } } : state)),
  searchFailed: (query, error) =>
    set((state) => (state.search.query === query ? { search: { query, users: null, error } } : state)),
  reset: () => set(initialState),
}));
