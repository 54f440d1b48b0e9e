import type { PrismaClient } from '../../db/prisma';
import { chatInclude } from './chats.presenter';

export const directKeyOf = (userA: string, userB: string) => [userA, userB].sort().join(':');

export class ChatsRepository {
  constructor(private readonly db: PrismaClient) {}

  listForUser(userId: string) {
    return this.db.chat.findMany({
      where: { participants: { some: { userId } } },
      include: chatInclude,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    });
  }

  findById(chatId: string) {
    return this.db.chat.findUnique({ where: { id: chatId }, include: chatInclude });
  }

  findDirect(userA: string, userB: string) {
    return this.db.chat.findUnique({ where: { directKey: directKeyOf(userA, userB) }, include: chatInclude });
  }

  createDirect(userA: string, userB: string) {
    return this.db.chat.create({
      data: {
        type: 'direct',
        directKey: directKeyOf(userA, userB),
        participants: { create: [{ userId: userA }, { userId: userB }] },
      },
      include: chatInclude,
    });
  }

  async participantIds(chatId: string): Promise<string[]> {
    const rows = await this.db.chatParticipant.findMany({ where: { chatId }, select: { userId: true } });
    return rows.map((row) => row.userId);
  }

  async areContacts(userId: string, otherId: string): Promise<boolean> {
    return (await this.db.contact.count({ where: { userId, contactId: otherId } })) > 0;
  }
}
