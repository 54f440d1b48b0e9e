import { useEffect, useState, type ComponentType } from 'react';
import { Page } from '../../shared/ui/Page';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Tabs, type TabItem } from '../../shared/ui/Tabs';
import { loadContacts } from './contactActions';
import { ContactList } from './ContactList';
import { useContactsStore } from './contactsStore';
import { IncomingRequests } from './IncomingRequests';
import { OutgoingRequests } from './OutgoingRequests';
import { UserSearch } from './UserSearch';

type ContactsTab = 'contacts' | 'incoming' | 'outgoing';

const panels: Record<ContactsTab, ComponentType> = {
  contacts: ContactList,
  incoming: IncomingRequests,
  outgoing: OutgoingRequests,
};

const firstTab = (): ContactsTab => (useContactsStore.getState().incoming.length > 0 ? 'incoming' : 'contacts');

export function ContactsPage() {
  const loadError = useContactsStore((state) => state.loadError);
  const loaded = useContactsStore((state) => state.loaded);
  const contactCount = useContactsStore((state) => state.contacts.length);
  const incomingCount = useContactsStore((state) => state.incoming.length);
  const outgoingCount = useContactsStore((state) => state.outgoing.length);
  // The page opens on requests waiting for an answer, if there are any; null until the lists tell.
  const [chosenTab, setChosenTab] = useState<ContactsTab | null>(() =>
    useContactsStore.getState().loaded ? firstTab() : null,
  );

  useEffect(() => {
    void loadContacts().then(() => setChosenTab((chosen) => chosen ?? firstTab()));
  }, []);

  const tab = chosenTab ?? 'contacts';
  // No count before the lists are loaded: "(0)" would be a claim, not a fact.
  const withCount = (label: string, count: number) => (loaded ? `${label} (${count})` : label);
  const tabs: TabItem<ContactsTab>[] = [
    { id: 'contacts', label: withCount('Contacts', contactCount) },
    { id: 'incoming', label: withCount('Incoming', incomingCount) },
    { id: 'outgoing', label: withCount('Outgoing', outgoingCount) },
  ];
  const Panel = panels[tab];

  return (
    <Page title="Contacts">
      <ErrorAlert message={loadError} />
      <UserSearch />
      <section aria-label="Your contacts and requests" className="card p-4">
        <Tabs label="Contacts and requests" tabs={tabs} selected={tab} onSelect={setChosenTab}>
          <div className="pt-2">
            <Panel />
          </div>
        </Tabs>
      </section>
    </Page>
  );
}
