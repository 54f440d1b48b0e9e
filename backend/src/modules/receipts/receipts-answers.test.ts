import request from 'supertest';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, openDirectChat, registerUser } from '../../../tests/helpers/users';
import { AfterAnswer } from '../../lib/after-answer';
import type { EventPublisher } from '../../realtime/events';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptsService } from './receipts.service';

/**
 * Receipts are acknowledged once written: telling their senders asks every instance which devices are older clients
 * (EventPublisher.withoutFeature), which waits up to the adapter's timeout when one instance does not answer.
 */
const server = useTestServer();

/** Receipts over the test server's database, publishing through a publisher that records what it is given. */
function receiptsAsking(withoutFeature: EventPublisher['withoutFeature']) {
  const published: { userIds: readonly string[]; payload: unknown }[] = [];
  const events: EventPublisher = {
    toUsers: (userIds, _event, payload) => void published.push({ userIds, payload }),
    toEach: () => undefined,
    withoutFeature,
    endSession: () => undefined,
  };
  const warn = jest.fn();
  const afterAnswer = new AfterAnswer({ warn });
  const chats = { publish: async () => undefined };
  const receipts = new ReceiptsService(new ReceiptsRepository(server.prisma), events, chats, afterAnswer);
  return { receipts, published, afterAnswer, warn };
}

async function bobHasTwoMessagesFromAlice() {
  const [alice, bob] = await Promise.all([registerUser(server), registerUser(server)]);
  await makeContacts(server, alice, bob);
  const chatId = await openDirectChat(server, alice, bob);
  for (const content of ['one', 'two']) {
    await request(server.url)
      .post(`/api/chats/${chatId}/messages`)
      .set(alice.auth)
      .send({ clientMsgId: content, content })
      .expect(201);
  }
  return { alice, bob, chatId };
}

it('acknowledges receipts, one write after another, while the other instances have not said who runs older clients', async () => {
  const { bob, chatId } = await bobHasTwoMessagesFromAlice();
  const { receipts } = receiptsAsking(() => new Promise(() => undefined));

  expect(await receipts.acknowledgeBatch(bob.id, [{ chatId, delivered: 1 }])).toEqual([{ ok: true }]);
  await receipts.acknowledge(bob.id, chatId, 'read', 2);
  const chat = await request(server.url).get(`/api/chats/${chatId}`).set(bob.auth).expect(200);
  const self = chat.body.chat.participants.find((p: { user: { id: string } }) => p.user.id === bob.id);
  expect({ delivered: self.lastDeliveredSeq, read: self.lastReadSeq }).toEqual({ delivered: 2, read: 2 });
});

it('tells the sender of each rise in the order the rises were written, and logs a failed telling', async () => {
  const { alice, bob, chatId } = await bobHasTwoMessagesFromAlice();
  let answerFirst: (older: ReadonlySet<string>) => void = () => undefined;
  const answers = [
    new Promise<ReadonlySet<string>>((resolve) => (answerFirst = resolve)),
    Promise.resolve(new Set<string>()),
  ];
  const { receipts, published, afterAnswer } = receiptsAsking(() => answers.shift()!);

  await receipts.acknowledge(bob.id, chatId, 'delivered', 1);
  await receipts.acknowledge(bob.id, chatId, 'delivered', 2);
  expect(published).toEqual([]);
  answerFirst(new Set());
  await afterAnswer.idle();
  expect(published.map(({ userIds, payload }) => ({ userIds, payload }))).toEqual([
    { userIds: [alice.id], payload: { receipts: [{ chatId, userId: bob.id, delivered: 1 }] } },
    { userIds: [alice.id], payload: { receipts: [{ chatId, userId: bob.id, delivered: 2 }] } },
  ]);

  const failing = receiptsAsking(() => Promise.reject(new Error('adapter away')));
  await failing.receipts.acknowledge(bob.id, chatId, 'read', 2);
  await failing.afterAnswer.idle();
  expect(failing.warn).toHaveBeenCalledWith({ err: new Error('adapter away') }, 'publishing receipts failed');
});
