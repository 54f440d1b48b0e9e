import { useContactsStore } from './contactsStore';

/** Where we stand with one user, as far as the loaded contact lists tell; 'unknown' until they are loaded. */
export type Relationship =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'contact' }
  | { kind: 'incoming'; requestId: string }
  | { kind: 'outgoing'; requestId: string };

export function useRelationship(userId: string): Relationship {
  // Primitive selections: a selector that builds a new object would re-render forever.
  const loaded = useContactsStore((state) => state.loaded);
  const isContact = useContactsStore((state) => state.contacts.some((contact) => contact.user.id === userId));
  const incomingId = useContactsStore((state) => state.incoming.find((request) => request.from.id === userId)?.id);
  const outgoingId = useContactsStore((state) => state.outgoing.find((request) => request.to.id === userId)?.id);

  if (isContact) return { kind: 'contact' };
  if (incomingId) return { kind: 'incoming', requestId: incomingId };
  if (outgoingId) return { kind: 'outgoing', requestId: outgoingId };
  return loaded ? { kind: 'none' } : { kind: 'unknown' };
}
