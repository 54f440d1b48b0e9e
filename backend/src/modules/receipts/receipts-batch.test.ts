import { MAX_RECEIPTS_PER_BATCH } from '@messenger/contract';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { type TestUser, makeContacts, openDirectChat, registerUser } from '../../../tests/helpers/users';

const sockets = useTestSockets();
const server = useTestServer();
const BATCH = ['receipts-batch'];

const send = async (sender: TestUser, chatId: string, content: string) =>
  (
    await request(server.url)
      .post(`/api/chats/${chatId}/messages`)
      .set(sender.auth)
      .send({ clientMsgId: `${chatId}-${content}`, content })
      .expect(201)
  ).body.message.seq as number;

const watermarksOf = async (viewer: TestUser, chatId: string) => {
  const chat = await request(server.url).get(`/api/chats/${chatId}`).set(viewer.auth).expect(200);
  const self = chat.body.chat.participants.find((p: { user: { id: string } }) => p.user.id === viewer.id);
  return { delivered: self.lastDeliveredSeq, read: self.lastReadSeq };
};

/** Alice wrote to Bob in their direct chat (seq 1 and 2) and in a group of the two and Carol (`groupSeq`). */
async function aliceWroteInTwoChats() {
  const [alice, bob, carol] = await Promise.all([registerUser(server), registerUser(server), registerUser(server)]);
  await makeContacts(server, alice, bob);
  await makeContacts(server, alice, carol);
  const directId = await openDirectChat(server, alice, bob);
  const group = await request(server.url)
    .post('/api/chats/group')
    .set(alice.auth)
    .send({ name: 'Batch', memberIds: [bob.id, carol.id] })
    .expect(201);
  const groupId = group.body.chat.id as string;
  await send(alice, directId, 'one');
  await send(alice, directId, 'two');
  // After the group's own system message.
  const groupSeq = await send(alice, groupId, 'three');
  return { alice, bob, carol, directId, groupId, groupSeq };
}

const received = (socket: Socket, events: string[]) => {
  const heard: { event: string; payload: Record<string, unknown> }[] = [];
  for (const event of events) socket.on(event, (payload: Record<string, unknown>) => heard.push({ event, payload }));
  return heard;
};

it('writes the receipts of several chats from one event, answers each entry, and tells the sender once', async () => {
  const { alice, bob, carol, directId, groupId, groupSeq } = await aliceWroteInTwoChats();
  const [aliceSocket, bobSocket] = await Promise.all([
    sockets.connect(server.url, alice.accessToken, undefined, BATCH),
    sockets.connect(server.url, bob.accessToken, undefined, BATCH),
  ]);
  const aliceHeard = received(aliceSocket, ['receipts:changed', 'message:delivered', 'message:read']);
  const toAlice = nextEvent(aliceSocket, 'receipts:changed');
  const strangersChat = await openDirectChat(server, alice, carol);

  const ack = await bobSocket.timeout(5_000).emitWithAck('receipts:batch', {
    receipts: [
      { chatId: directId, delivered: 2 },
      { chatId: strangersChat, read: 1 },
      { chatId: groupId, read: groupSeq },
    ],
  });

  expect(ack).toEqual({
    ok: true,
    results: [{ ok: true }, { ok: false, error: { code: 'NOT_FOUND', message: 'Chat not found' } }, { ok: true }],
  });
  await toAlice;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(aliceHeard).toEqual([
    {
      event: 'receipts:changed',
      payload: {
        receipts: expect.arrayContaining([
          { chatId: directId, userId: bob.id, delivered: 2 },
          { chatId: groupId, userId: bob.id, delivered: groupSeq, read: groupSeq },
        ]),
        cursor: expect.any(String),
      },
    },
  ]);
  expect((aliceHeard[0]?.payload.receipts as unknown[]).length).toBe(2);
  expect(await watermarksOf(bob, directId)).toEqual({ delivered: 2, read: 0 });
  expect(await watermarksOf(bob, groupId)).toEqual({ delivered: groupSeq, read: groupSeq });
  expect(await watermarksOf(carol, strangersChat)).toEqual({ delivered: 0, read: 0 });
});

it('gives a device that did not declare receipts-batch the per-chat events, live and from sync', async () => {
  const { alice, bob, directId, groupId, groupSeq } = await aliceWroteInTwoChats();
  const aliceOlder = await sockets.connect(server.url, alice.accessToken);
  const { cursor: before } = await aliceOlder.timeout(5_000).emitWithAck('sync', { cursor: null });
  const [aliceNewer, bobSocket] = await Promise.all([
    sockets.connect(server.url, alice.accessToken, undefined, BATCH),
    sockets.connect(server.url, bob.accessToken, undefined, BATCH),
  ]);
  const olderHeard = received(aliceOlder, ['receipts:changed', 'message:delivered', 'message:read']);
  const newer = nextEvent<{ cursor: string }>(aliceNewer, 'receipts:changed');
  const older = nextEvent(aliceOlder, 'message:read');

  await bobSocket.timeout(5_000).emitWithAck('receipts:batch', {
    receipts: [
      { chatId: directId, delivered: 2 },
      { chatId: groupId, read: groupSeq },
    ],
  });
  const { cursor } = await newer;
  await older;

  const perChat = [
    { event: 'message:delivered', payload: { chatId: directId, userId: bob.id, seq: 2 } },
    { event: 'message:delivered', payload: { chatId: groupId, userId: bob.id, seq: groupSeq } },
    { event: 'message:read', payload: { chatId: groupId, userId: bob.id, seq: groupSeq } },
  ];
  // The chats of one write come in no particular order; within a chat, delivered before read.
  const inChatOrder = <T extends { payload: Record<string, unknown> }>(events: T[]) =>
    [...events].sort((a, b) => String(a.payload.chatId).localeCompare(String(b.payload.chatId)));
  expect(inChatOrder(olderHeard)).toEqual(
    inChatOrder(perChat.map(({ event, payload }) => ({ event, payload: { ...payload, cursor } }))),
  );
  // Another older device that was away, and another newer one, catch up from the cursor both had before.
  const [olderAgain, newerAgain] = await Promise.all([
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, alice.accessToken, undefined, BATCH),
  ]);
  const olderReplay = await olderAgain.timeout(5_000).emitWithAck('sync', { cursor: before });
  expect(inChatOrder(olderReplay.events)).toEqual(inChatOrder(perChat));
  const newerReplay = await newerAgain.timeout(5_000).emitWithAck('sync', { cursor: before });
  expect(newerReplay.events.map((entry: { event: string }) => entry.event)).toEqual(['receipts:changed']);
});

it('refuses an oversize batch, an empty one and an entry without a watermark, and writes none of it', async () => {
  const { bob, directId } = await aliceWroteInTwoChats();
  const socket = await sockets.connect(server.url, bob.accessToken, undefined, BATCH);
  const oversize = Array.from({ length: MAX_RECEIPTS_PER_BATCH + 1 }, () => ({ chatId: directId, read: 2 }));
  for (const receipts of [oversize, [], [{ chatId: directId }], [{ chatId: directId, read: 0 }], 'x']) {
    expect(await socket.timeout(5_000).emitWithAck('receipts:batch', { receipts })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR' },
    });
  }
  expect(await watermarksOf(bob, directId)).toEqual({ delivered: 0, read: 0 });
  const full = oversize.slice(1);
  expect((await socket.timeout(5_000).emitWithAck('receipts:batch', { receipts: full })).results).toHaveLength(100);
  expect(await watermarksOf(bob, directId)).toEqual({ delivered: 2, read: 2 });
});
