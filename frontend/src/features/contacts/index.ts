export { ContactsPage } from './ContactsPage';
export { useContactsStore } from './contactsStore';
