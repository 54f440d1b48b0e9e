import { MAX_GROUP_PARTICIPANTS } from '@messenger/contract';
import request from 'supertest';
import { groupHistory, runQueued, type GroupChat } from '../../../tests/helpers/groups';
import { useTestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

/** Joins at the same moment as each other and as the owner's changes: they queue on the chat's row lock. */
const server = useTestServer();

const api = () => request(server.url);
const join = (user: TestUser, chatId: string) => () => api().post(`/api/chats/${chatId}/join`).set(user.auth);

async function openGroup(owner: TestUser): Promise<GroupChat> {
  const response = await api()
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Crowded', memberIds: [], visibility: 'open' })
    .expect(201);
  return response.body.chat as GroupChat;
}

/** Fills the group up to `size` participants with users made in the database (registering ~300 would be slow). */
async function fillUpTo(chatId: string, size: number): Promise<void> {
  const current = await server.prisma.chatParticipant.count({ where: { chatId } });
  const tag = chatId.slice(0, 8);
  const users = await server.prisma.user.createManyAndReturn({
    data: Array.from({ length: size - current }, (_, i) => ({
      username: `fill_${i}_${tag}`,
      usernameNormalized: `fill_${i}_${tag}`,
      displayName: `Fill ${i}`,
      passwordHash: 'unused',
    })),
    select: { id: true },
  });
  await server.prisma.chatParticipant.createMany({ data: users.map((user) => ({ chatId, userId: user.id })) });
}

it(`never lets joins at the same moment push an open group past ${MAX_GROUP_PARTICIPANTS} participants`, async () => {
  const owner = await registerUser(server);
  const chat = await openGroup(owner);
  await fillUpTo(chat.id, MAX_GROUP_PARTICIPANTS - 3);
  const joiners = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(server)));

  const responses = await runQueued(
    server,
    chat.id,
    joiners.map((joiner) => join(joiner, chat.id)),
  );
  // Which of them the lock lets in first is PostgreSQL's choice; how many is not.
  expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 422, 422]);
  const refused = joiners.filter((_, index) => responses[index]!.status === 422);
  expect(responses.find((response) => response.status === 422)!.body.error).toMatchObject({ code: 'GROUP_FULL' });
  expect(await server.prisma.chatParticipant.count({ where: { chatId: chat.id } })).toBe(MAX_GROUP_PARTICIPANTS);
  const joins = (await groupHistory(server, owner, chat.id)).filter((message) =>
    / joined the group$/.test(message.content),
  );
  expect(joins).toHaveLength(3);

  // Full is full, also for one who tries again later; leaving makes room.
  const [late] = refused as [TestUser];
  await join(late, chat.id)().expect(422);
  await api().delete(`/api/chats/${chat.id}/participants/${owner.id}`).set(owner.auth).expect(204);
  await join(late, chat.id)().expect(200);
  // Each change to a group this size tells ~300 members, one chat:updated each: seconds on a busy machine.
}, 90_000);

it('answers two joins of one user at the same moment (two devices) alike, with one system message', async () => {
  const owner = await registerUser(server);
  const chat = await openGroup(owner);
  const joiner = await registerUser(server);
  const responses = await runQueued(server, chat.id, [join(joiner, chat.id), join(joiner, chat.id)]);
  expect(responses.map((response) => response.status)).toEqual([200, 200]);
  expect(responses[0]!.body.chat.participants).toEqual(responses[1]!.body.chat.participants);
  const joins = (await groupHistory(server, owner, chat.id)).filter((message) => / joined/.test(message.content));
  expect(joins).toHaveLength(1);
});

it('refuses a join queued behind the change that made the group private, as it would a moment later (404)', async () => {
  const owner = await registerUser(server);
  const chat = await openGroup(owner);
  const joiner = await registerUser(server);
  const [closing, joining] = await runQueued(server, chat.id, [
    () => api().put(`/api/chats/${chat.id}`).set(owner.auth).send({ visibility: 'private' }),
    join(joiner, chat.id),
  ]);
  expect(closing!.status).toBe(200);
  expect(joining!.status).toBe(404);
  expect(await server.prisma.chatParticipant.count({ where: { chatId: chat.id } })).toBe(1);
});
