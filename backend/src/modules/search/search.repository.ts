import { Prisma, type PrismaClient } from '../../db/prisma';
import { messageInclude } from '../messages/messages.presenter';

export interface SearchHit {
  id: string;
  /** How many messages match in all, on every row: ranking sorts every match anyway, so counting is free. */
  total: bigint;
}

export class SearchRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Messages of the chats the user belongs to now that match, best first (relevance, then recency). The query is
   * read as web-search syntax ("phrase", -exclude, or); the last word also matches as a prefix, for
   * search-as-you-type. Deleted and system messages never match.
   */
  search(
    userId: string,
    terms: { websearch: string; prefix: string | null },
    chatId: string | undefined,
    page: { offset: number; limit: number },
  ) {
    const prefix = terms.prefix ? Prisma.sql`to_tsquery('messenger', ${terms.prefix})` : null;
    const words = terms.websearch ? Prisma.sql`websearch_to_tsquery('messenger', ${terms.websearch})` : null;
    const query = words && prefix ? Prisma.sql`(${words} && ${prefix})` : (words ?? prefix ?? Prisma.sql`''::tsquery`);
    const inChat = chatId ? Prisma.sql`AND m.chat_id = ${chatId}::uuid` : Prisma.empty;
    return this.db.$queryRaw<SearchHit[]>`
      SELECT m.id, count(*) OVER () AS total
      FROM (SELECT ${query} AS query) q
      JOIN messages m ON m.search_vector @@ q.query
      JOIN chat_participants p ON p.chat_id = m.chat_id AND p.user_id = ${userId}::uuid
      WHERE m.deleted_at IS NULL AND m.type <> 'system' ${inChat}
      ORDER BY ts_rank_cd(m.search_vector, q.query) DESC, m.created_at DESC, m.id
      OFFSET ${page.offset} LIMIT ${page.limit + 1}`;
  }

  messages(ids: string[]) {
    return this.db.message.findMany({
      where: { id: { in: ids } },
      include: { ...messageInclude, chat: { select: { id: true, type: true, name: true } } },
    });
  }
}
