import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { loadContacts } from './contactActions';
import { ContactList } from './ContactList';
import { ContactRequests } from './ContactRequests';
import { useContactsStore } from './contactsStore';
import { UserSearch } from './UserSearch';

export function ContactsPage() {
  const loadError = useContactsStore((state) => state.loadError);

  useEffect(() => {
    void loadContacts();
  }, []);

  return (
    <div className="flex h-full min-h-0 flex-col bg-slate-50">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <Link to="/chats" className="text-sm font-medium text-blue-700 hover:underline md:hidden">
          <span aria-hidden="true">←</span> Back to chat list
        </Link>
        <h1 className="text-lg font-semibold text-slate-900">Contacts</h1>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4">
        <ErrorAlert message={loadError} />
        <UserSearch />
        <ContactRequests />
        <ContactList />
      </div>
    </div>
  );
}
