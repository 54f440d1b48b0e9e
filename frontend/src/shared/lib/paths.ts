/** Opens the chat at this message and highlights it: what search results and copied links point to. */
export function messagePath(chatId: string, messageId: string): string {
  return `/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(messageId)}`;
}

export function userProfilePath(userId: string): string {
  return `/users/${encodeURIComponent(userId)}`;
}
