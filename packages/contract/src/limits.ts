// No zod here: the web app checks these before it sends, and a module without schemas keeps zod out of its bundle.

/** Characters of a message's text (after trimming). */
export const MAX_CONTENT_LENGTH = 10_000;

/** Attachments (images and files) of one message. */
export const MAX_ATTACHMENTS = 10;

/** Bytes of one uploaded image. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Bytes of one uploaded file that is not an image (PDF, text, CSV, ZIP, Office documents). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Characters of an attachment's name as stored and shown (longer names are shortened, their extension kept). */
export const MAX_FILE_NAME_LENGTH = 120;

/** Participants of a group, its owner included. */
export const MAX_GROUP_PARTICIPANTS = 300;

/**
 * Distinct `@name`s of one message that are looked up as mentions; later ones stay plain text. Bounds the lookup a
 * message costs, whatever its text.
 */
export const MAX_MENTIONS = 50;

/** Characters of a search for open groups (a group's name has at most 100). */
export const MAX_DISCOVER_QUERY_LENGTH = 100;

/** Open groups in one answer of GET /api/chats/discover: the largest first; a narrower search finds the others. */
export const MAX_DISCOVER_RESULTS = 50;

/** Pinned messages of one chat. */
export const MAX_PINS_PER_CHAT = 50;

/** Entries (chats) of one `receipts:batch`: a client with more waiting sends several. */
export const MAX_RECEIPTS_PER_BATCH = 100;
