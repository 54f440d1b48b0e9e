import type { ParsedClientEventPayload } from '@messenger/contract';

/** A send over either transport: REST adds the chat id from its path. */
export type SendMessageInput = ParsedClientEventPayload<'message:send'>;
