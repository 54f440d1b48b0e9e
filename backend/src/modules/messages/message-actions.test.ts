import request from 'supertest';
import { groupWithOutsider } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import type { TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let chatId: string;
beforeAll(async () => {
  ({ owner, member, outsider, chatId } = await groupWithOutsider(server, 'Actions'));
});

const api = () => request(server.url);
let counter = 0;
async function post(user: TestUser, content: string, replyToId?: string) {
  const response = await api()
    .post(`/api/chats/${chatId}/messages`)
    .set(user.auth)
    .send({ clientMsgId: `a-${++counter}`, content, replyToId })
    .expect(201);
  return response.body.message as { id: string; seq: number };
}

describe('edit', () => {
  it('lets the sender edit, marks it edited and tells everyone', async () => {
    const message = await post(member, 'typo hre');
    const ownerSocket = await sockets.connect(server.url, owner.accessToken);
    const pushed = nextEvent<{ message: { id: string; content: string } }>(ownerSocket, 'message:edited');
    const edited = await api()
      .put(`/api/messages/${message.id}`)
      .set(member.auth)
      .send({ content: 'typo here' })
      .expect(200);
    expect(edited.body.message).toMatchObject({ id: message.id, seq: message.seq, content: 'typo here' });
    expect(edited.body.message.editedAt).toEqual(expect.any(String));
    expect((await pushed).message.content).toBe('typo here');
  });

  it('refuses other people, outsiders, empty text, and deleted messages', async () => {
    const message = await post(member, 'mine');
    await api().put(`/api/messages/${message.id}`).set(owner.auth).send({ content: 'owner edit' }).expect(403);
    await api().put(`/api/messages/${message.id}`).set(outsider.auth).send({ content: 'x' }).expect(404);
    await api().put(`/api/messages/${message.id}`).set(member.auth).send({ content: '  ' }).expect(400);
    await api().delete(`/api/messages/${message.id}`).set(member.auth).expect(200);
    await api().put(`/api/messages/${message.id}`).set(member.auth).send({ content: 'too late' }).expect(409);
  });

  it('works over the socket with an acknowledgement', async () => {
    const message = await post(member, 'socket edit');
    const socket = await sockets.connect(server.url, member.accessToken);
    const ack = await socket
      .timeout(5_000)
      .emitWithAck('message:edit', { messageId: message.id, content: 'edited live' });
    expect(ack).toMatchObject({ ok: true, message: { content: 'edited live' } });
    const refused = await socket.timeout(5_000).emitWithAck('message:edit', { messageId: message.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
  });
});

describe('delete', () => {
  it('keeps the message in place as a placeholder, clears text and reactions, and quotes show it deleted', async () => {
    const original = await post(member, 'regrettable');
    const reply = await post(owner, 'replying', original.id);
    await api().post(`/api/messages/${original.id}/reactions`).set(owner.auth).send({ emoji: '👍' }).expect(200);
    const ownerSocket = await sockets.connect(server.url, owner.accessToken);
    const pushed = nextEvent<{ message: { id: string; deletedAt: string } }>(ownerSocket, 'message:deleted');
    const deleted = await api().delete(`/api/messages/${original.id}`).set(member.auth).expect(200);
    expect(deleted.body.message).toMatchObject({ id: original.id, seq: original.seq, content: '', reactions: [] });
    expect(deleted.body.message.deletedAt).toEqual(expect.any(String));
    expect((await pushed).message.id).toBe(original.id);

    const page = await api().get(`/api/chats/${chatId}/messages?around=${reply.id}&limit=3`).set(member.auth);
    const quoted = page.body.messages.find((message: { id: string }) => message.id === reply.id);
    expect(quoted.replyTo).toMatchObject({ id: original.id, excerpt: '' });
    await api().delete(`/api/messages/${original.id}`).set(member.auth).expect(200);
  });

  it('lets the group owner delete anyone’s message, but not a member someone else’s', async () => {
    const byOwner = await post(owner, 'owner says');
    const byMember = await post(member, 'member says');
    await api().delete(`/api/messages/${byOwner.id}`).set(member.auth).expect(403);
    await api().delete(`/api/messages/${byMember.id}`).set(owner.auth).expect(200);
    await api().delete(`/api/messages/${byMember.id}`).set(outsider.auth).expect(404);
  });

  it('protects system messages', async () => {
    const system = await server.prisma.message.findFirstOrThrow({ where: { chatId, type: 'system' } });
    await api().delete(`/api/messages/${system.id}`).set(owner.auth).expect(403);
    await api().put(`/api/messages/${system.id}`).set(owner.auth).send({ content: 'rewrite history' }).expect(403);
  });
});

describe('reactions', () => {
  it('aggregates per emoji, is idempotent per user, and pushes reaction:updated', async () => {
    const message = await post(owner, 'react to me');
    const memberSocket = await sockets.connect(server.url, member.accessToken);
    await api().post(`/api/messages/${message.id}/reactions`).set(owner.auth).send({ emoji: '👍' }).expect(200);
    await api().post(`/api/messages/${message.id}/reactions`).set(owner.auth).send({ emoji: '👍' }).expect(200);
    const pushed = nextEvent<{ messageId: string; reactions: { count: number }[] }>(
      memberSocket,
      'reaction:updated',
      5_000,
      (event) => event.reactions[0]?.count === 2,
    );
    const both = await api()
      .post(`/api/messages/${message.id}/reactions`)
      .set(member.auth)
      .send({ emoji: '👍' })
      .expect(200);
    expect(both.body.reactions).toEqual([{ emoji: '👍', count: 2, userIds: [owner.id, member.id] }]);
    expect((await pushed).reactions).toEqual(both.body.reactions);
    expect(await pushed).toMatchObject({ messageId: message.id, cursor: expect.any(String) });

    await api().post(`/api/messages/${message.id}/reactions`).set(member.auth).send({ emoji: '👩🏽‍💻' }).expect(200);
    await api().post(`/api/messages/${message.id}/reactions`).set(member.auth).send({ emoji: '🇺🇦' }).expect(200);
    const removed = await api()
      .delete(`/api/messages/${message.id}/reactions/${encodeURIComponent('👍')}`)
      .set(owner.auth)
      .expect(200);
    expect(removed.body.reactions).toEqual([
      { emoji: '👍', count: 1, userIds: [member.id] },
      { emoji: '👩🏽‍💻', count: 1, userIds: [member.id] },
      { emoji: '🇺🇦', count: 1, userIds: [member.id] },
    ]);
  });

  it('takes keycaps, and stores an emoji in one spelling, so that 👍️ and 👍 are one reaction', async () => {
    const message = await post(owner, 'spellings');
    await api().post(`/api/messages/${message.id}/reactions`).set(owner.auth).send({ emoji: '1️⃣' }).expect(200);
    await api().post(`/api/messages/${message.id}/reactions`).set(owner.auth).send({ emoji: '👍\uFE0F' }).expect(200);
    const both = await api().post(`/api/messages/${message.id}/reactions`).set(member.auth).send({ emoji: '👍' });
    expect(both.body.reactions).toEqual([
      { emoji: '1️⃣', count: 1, userIds: [owner.id] },
      { emoji: '👍', count: 2, userIds: [owner.id, member.id] },
    ]);

    // Removed in either spelling too; an emoji that needs its selector (❤️) keeps it.
    const removed = await api()
      .delete(`/api/messages/${message.id}/reactions/${encodeURIComponent('👍\uFE0F')}`)
      .set(owner.auth)
      .expect(200);
    expect(removed.body.reactions).toContainEqual({ emoji: '👍', count: 1, userIds: [member.id] });
    const heart = await api().post(`/api/messages/${message.id}/reactions`).set(owner.auth).send({ emoji: '❤️' });
    expect(heart.body.reactions).toContainEqual({ emoji: '❤️', count: 1, userIds: [owner.id] });
  });

  it.each(['a', '👍👍', '', 'lol', '<b>', '1', '#', '1⃣1⃣', '\u20E3', 'a\uFE0F'])(
    'refuses %j as an emoji',
    async (emoji) => {
      const message = await post(owner, 'strict');
      await api().post(`/api/messages/${message.id}/reactions`).set(owner.auth).send({ emoji }).expect(400);
    },
  );

  it('hides reactions from outsiders', async () => {
    const message = await post(owner, 'private');
    await api().post(`/api/messages/${message.id}/reactions`).set(outsider.auth).send({ emoji: '👍' }).expect(404);
  });
});
