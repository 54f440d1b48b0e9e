import type { OutgoingMessage } from './timeline';

/**
 * Pending sends kept in IndexedDB, so that a reload or a closed tab does not lose them. A tiny wrapper over
 * the raw API; where IndexedDB is missing or refused (private modes, tests), pending sends live in memory
 * only and every call quietly does nothing.
 */
const DATABASE = '1000-messenger';
const STORE = 'outbox';

interface StoredOutgoing extends OutgoingMessage {
  userId: string;
}

let opening: Promise<IDBDatabase> | null = null;

function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientMsgId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  return new Promise<T>((resolve, reject) => {
    const request = operation(database.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function storeOutgoing(userId: string, outgoing: OutgoingMessage): Promise<void> {
  const stored: StoredOutgoing = { ...outgoing, userId };
  return run('readwrite', (store) => store.put(stored)).then(
    () => undefined,
    () => undefined,
  );
}

export function forgetOutgoing(clientMsgId: string): Promise<void> {
  return run('readwrite', (store) => store.delete(clientMsgId)).then(
    () => undefined,
    () => undefined,
  );
}

/** This user's pending sends, oldest first. */
export async function loadStoredOutgoing(userId: string): Promise<OutgoingMessage[]> {
  try {
    const all = (await run('readonly', (store) => store.getAll())) as StoredOutgoing[];
    return all
      .filter((stored) => stored.userId === userId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(({ userId: _userId, ...outgoing }) => outgoing);
  } catch {
    return [];
  }
}
