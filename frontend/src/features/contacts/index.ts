export { ContactsPage } from './ContactsPage';
export {
  acceptRequest,
  loadContacts,
  receiveContactRequest,
  removeContact,
  removeRequest,
  requestContact,
} from './contactActions';
export { useContactsStore } from './contactsStore';
export { useRelationship, type Relationship } from './useRelationship';
