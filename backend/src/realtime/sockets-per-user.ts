/**
 * At most `max` sockets per user at once, on this instance. A connection past the cap is refused rather than the
 * oldest one dropped: dropping would let a stolen token, or a client stuck in a reconnect loop, push the user's
 * own devices off one after another, while a refusal costs only the newcomer, with an error that says why.
 *
 * Counted in this instance's memory, not across instances: what the cap protects (memory, file descriptors and
 * fan-out work per socket) is each instance's own, the check and the count are one synchronous step (so a burst of
 * parallel handshakes cannot slip past it, as it could between a Redis read and the later increment), and it keeps
 * working while Redis is away. Behind the shipped nginx one client address always reaches the same instance, so a
 * single client meets the cap exactly; a user connecting from several addresses can reach it on each instance.
 */
export class SocketsPerUser {
  private readonly sockets = new Map<string, Set<string>>();

  constructor(readonly max: number) {}

  /** Holds a place for the socket; false when the user already has `max` sockets here. */
  admit(userId: string, socketId: string): boolean {
    const held = this.sockets.get(userId) ?? new Set<string>();
    if (held.size >= this.max) return false;
    held.add(socketId);
    this.sockets.set(userId, held);
    return true;
  }

  /** Gives the place back; safe to call more than once. */
  release(userId: string, socketId: string): void {
    const held = this.sockets.get(userId);
    if (!held?.delete(socketId)) return;
    if (held.size === 0) this.sockets.delete(userId);
  }
}
