/**
 * Who is online. `isOnline` is synchronous because it is consulted while serialising users on hot paths; a
 * multi-instance implementation keeps a local view fed by Redis and answers from it.
 */
export interface Presence {
  isOnline(userId: string): boolean;
  /** Returns true when this was the user's first connected device. */
  connected(userId: string): Promise<boolean>;
  /** Returns true when this was the user's last connected device. */
  disconnected(userId: string): Promise<boolean>;
  /** `onLost`: users who went offline without disconnecting here (their instance died). */
  start(onLost: (userIds: string[]) => void): Promise<void>;
  stop(): Promise<void>;
}

export class LocalPresence implements Presence {
  private readonly connections = new Map<string, number>();

  /** Nothing to start or stop: a single node's sockets all disconnect through this process. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  isOnline(userId: string): boolean {
    return this.connections.has(userId);
  }

  async connected(userId: string): Promise<boolean> {
    const count = (this.connections.get(userId) ?? 0) + 1;
    this.connections.set(userId, count);
    return count === 1;
  }

  async disconnected(userId: string): Promise<boolean> {
    const count = (this.connections.get(userId) ?? 0) - 1;
    if (count > 0) {
      this.connections.set(userId, count);
      return false;
    }
    this.connections.delete(userId);
    return true;
  }
}
