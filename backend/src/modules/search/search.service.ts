import type { MessagePresenter } from '../messages/messages.presenter';
import type { SearchQuery } from '@messenger/contract';
import { foldWord, highlight, searchedWords } from './highlight';
import type { SearchRepository } from './search.repository';

/**
 * The word being typed at the end of the query (not in quotes, not negated, not an operator) matches as a prefix;
 * the rest is web-search syntax.
 */
export function splitQuery(q: string): { websearch: string; prefix: string | null } {
  const quoted = q.includes('"');
  const match = /(?:^|\s)([\p{L}\p{N}]+)$/u.exec(q);
  const last = match?.[1];
  // With "or" the terms are alternatives; joining a prefix to them with AND would change the meaning.
  if (!match || !last || quoted || /(^|\s)or(\s|$)/i.test(q)) {
    return { websearch: q, prefix: null };
  }
  return { websearch: q.slice(0, match.index).trim(), prefix: `${last}:*` };
}

export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly presenter: MessagePresenter,
  ) {}

  async search(userId: string, query: SearchQuery) {
    const offset = query.cursor ?? 0;
    const terms = query.q === undefined ? null : splitQuery(query.q);
    const words = terms ? searchedWords(terms.websearch) : [];
    const prefix = terms?.prefix ? foldWord(terms.prefix.slice(0, -2)) : null;
    const filter = { terms, chatId: query.chatId, mentionsOfUser: query.mentions === 'me' };
    const hits = await this.repository.search(userId, filter, { offset, limit: query.limit });
    const page = hits.slice(0, query.limit);
    const messages = new Map((await this.repository.messages(page.map((hit) => hit.id))).map((m) => [m.id, m]));
    const results = page.flatMap((hit) => {
      const message = messages.get(hit.id);
      if (!message) return [];
      return [
        {
          message: this.presenter.toDto(message),
          chat: message.chat,
          highlight: highlight(message.content, words, prefix),
        },
      ];
    });
    return {
      results,
      nextCursor: hits.length > query.limit ? String(offset + query.limit) : null,
      total: Number(hits[0]?.total ?? 0),
    };
  }
}
