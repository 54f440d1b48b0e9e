import { Prisma, type PrismaClient } from '../../db/prisma';
import { messageInclude } from '../messages/messages.presenter';

export interface SearchHit {
  id: string;
  /** How many messages match in all, on every row: ranking sorts every match anyway, so counting is free. */
  total: bigint;
}

/** What to look for: words (with the one being typed as a prefix), or only mentions, or both. */
export interface SearchFilter {
  /** null: no words, only the messages that mention the user. */
  terms: { websearch: string; prefix: string | null } | null;
  chatId: string | undefined;
  /** Only messages that mention the user (always so without words). */
  mentionsOfUser: boolean;
}

export class SearchRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Messages of the chats the user belongs to now that match. Words are read as web-search syntax ("phrase",
   * -exclude, or), the last one also as a prefix (search-as-you-type), and rank best first (relevance, then
   * recency); without words, the newest come first. Deleted and system messages never match.
   */
  search(userId: string, filter: SearchFilter, page: { offset: number; limit: number }) {
    const query = filter.terms ? tsquery(filter.terms) : null;
    const mentionOfUser = Prisma.sql`mm.message_id = m.id AND mm.user_id = ${userId}::uuid`;
    // Without words, the user's mentions (a range of their index) lead to the messages, not the other way round.
    const found = query
      ? Prisma.sql`(SELECT ${query} AS query) q JOIN messages m ON m.search_vector @@ q.query`
      : Prisma.sql`message_mentions mm JOIN messages m ON ${mentionOfUser}`;
    const mentioning =
      query && filter.mentionsOfUser
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM message_mentions mm WHERE ${mentionOfUser})`
        : Prisma.empty;
    const inChat = filter.chatId ? Prisma.sql`AND m.chat_id = ${filter.chatId}::uuid` : Prisma.empty;
    const order = query
      ? Prisma.sql`ts_rank_cd(m.search_vector, q.query) DESC, m.created_at DESC, m.id`
      : Prisma.sql`m.created_at DESC, m.id`;
    return this.db.$queryRaw<SearchHit[]>`
      SELECT m.id, count(*) OVER () AS total
      FROM ${found}
      JOIN chat_participants p ON p.chat_id = m.chat_id AND p.user_id = ${userId}::uuid
      WHERE m.deleted_at IS NULL AND m.type <> 'system' ${inChat} ${mentioning}
      ORDER BY ${order}
      OFFSET ${page.offset} LIMIT ${page.limit + 1}`;
  }

  messages(ids: string[]) {
    return this.db.message.findMany({
      where: { id: { in: ids } },
      include: { ...messageInclude, chat: { select: { id: true, type: true, name: true } } },
    });
  }
}

function tsquery(terms: { websearch: string; prefix: string | null }): Prisma.Sql {
  const prefix = terms.prefix ? Prisma.sql`to_tsquery('messenger', ${terms.prefix})` : null;
  const words = terms.websearch ? Prisma.sql`websearch_to_tsquery('messenger', ${terms.websearch})` : null;
  return words && prefix ? Prisma.sql`(${words} && ${prefix})` : (words ?? prefix ?? Prisma.sql`''::tsquery`);
}
