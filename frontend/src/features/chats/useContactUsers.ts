import { useEffect } from 'react';
import type { User } from '@messenger/contract';
import { loadContacts, useContactsStore } from '../contacts';

/** Our contacts (the people we may put in a group), fetched if the contacts page has not been opened yet. */
export function useContactUsers(): { users: User[]; loaded: boolean; error: string | null } {
  const contacts = useContactsStore((state) => state.contacts);
  const loaded = useContactsStore((state) => state.loaded);
  const error = useContactsStore((state) => state.loadError);

  useEffect(() => {
    if (!useContactsStore.getState().loaded) void loadContacts();
  }, []);

  return { users: contacts.map((contact) => contact.user), loaded, error };
}
