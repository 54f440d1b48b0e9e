import type { Message } from '@messenger/contract';

/**
 * A message's files where one line must stand for it (the chat list, a reply, a notification): "report.pdf", or
 * "report.pdf and 2 more"; null when it carries no file.
 */
export function fileSummary(message: Pick<Message, 'attachments'>): string | null {
  const files = message.attachments.filter((attachment) => attachment.kind === 'file');
  const [first] = files;
  if (!first) return null;
  return files.length > 1 ? `${first.name} and ${files.length - 1} more` : first.name;
}
