/**
 * What a client may declare in the Socket.IO handshake (`auth: {token, features: [...]}`): each feature names events
 * it understands, which the server then sends it in place of older ones. A client that declares nothing keeps
 * getting the older events, so every client written before a feature goes on working.
 */
export const CLIENT_FEATURES = {
  /** `presence:changed`, a batch per server window, instead of `presence:online` / `presence:offline` per user. */
  presenceBatch: 'presence-batch',
  /**
   * `chat:members`, only who came and went, instead of `chat:updated`, the whole chat, when a group's members
   * change: a join to a 300-member group is then one payload for all of them instead of 300 of 300 participants.
   */
  membershipDelta: 'membership-delta',
  /**
   * `receipts:changed`, every watermark of a receipts write that concerns the recipient in one event, instead of one
   * `message:delivered` / `message:read` per chat and reader.
   */
  receiptsBatch: 'receipts-batch',
} as const;

export type ClientFeature = (typeof CLIENT_FEATURES)[keyof typeof CLIENT_FEATURES];

/** The features a handshake's `auth.features` declares, ignoring anything that is not one. */
export function declaredFeatures(features: unknown): ReadonlySet<ClientFeature> {
  const known = new Set<string>(Object.values(CLIENT_FEATURES));
  const declared = Array.isArray(features) ? features.filter((feature) => known.has(feature as string)) : [];
  return new Set(declared as ClientFeature[]);
}
