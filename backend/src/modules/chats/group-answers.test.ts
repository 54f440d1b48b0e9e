import type { Chat } from '@messenger/contract';
import request from 'supertest';
import { ownerWithContacts } from '../../../tests/helpers/groups';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser } from '../../../tests/helpers/users';
import { AfterAnswer } from '../../lib/after-answer';
import type { EventPublisher } from '../../realtime/events';
import { LocalPresence } from '../../realtime/presence';
import { BlocksRepository } from '../blocks/blocks.repository';
import { MessagePresenter } from '../messages/messages.presenter';
import { MessagesRepository } from '../messages/messages.repository';
import { MessagesService } from '../messages/messages.service';
import { ChatPublicationOrder } from '../messages/publication-order';
import { UserPresenter } from '../users/users.presenter';
import { ChatPresenter } from './chats.presenter';
import { ChatsRepository } from './chats.repository';
import { ChatsService } from './chats.service';
import { GroupsService } from './groups.service';
import { OpenGroupsRepository } from './open-groups.repository';
import { OpenGroupsService } from './open-groups.service';

/**
 * A member change answers once it is written: telling the members asks every instance which of their devices are older
 * clients (EventPublisher.withoutFeature), which waits up to the adapter's timeout when one does not answer.
 */
const server = useTestServer();

/** The services of groups and messages over the test server's database, publishing through `events`. */
function servicesPublishingThrough(events: EventPublisher, logger: { warn: jest.Mock }) {
  const repository = new ChatsRepository(server.prisma);
  const messagePresenter = new MessagePresenter();
  const presenter = new ChatPresenter(new UserPresenter(new LocalPresence()), messagePresenter);
  const blocks = new BlocksRepository(server.prisma);
  const afterAnswer = new AfterAnswer(logger);
  const chats = new ChatsService(repository, presenter, events, blocks, afterAnswer);
  const order = new ChatPublicationOrder();
  const groups = new GroupsService(repository, chats, messagePresenter, events, order, afterAnswer);
  const openGroups = new OpenGroupsService(new OpenGroupsRepository(server.prisma), repository, chats, groups, blocks);
  const noImages = { discard: async () => undefined };
  const messagesRepository = new MessagesRepository(server.prisma);
  const messages = new MessagesService(messagesRepository, chats, messagePresenter, events, noImages, blocks, order);
  return { groups, openGroups, messages, afterAnswer };
}

/** A publisher that records the events it is given, asking the other instances with `withoutFeature`. */
function publisher(withoutFeature: EventPublisher['withoutFeature']) {
  const published: string[] = [];
  const events: EventPublisher = {
    toUsers: (_userIds, event) => void published.push(event),
    toEach: () => undefined,
    withoutFeature,
    endSession: () => undefined,
  };
  return { events, published };
}

async function openGroupOfThree() {
  const { owner, members } = await ownerWithContacts(server, 2);
  const created = await request(server.url)
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Open house', memberIds: members.map((member) => member.id), visibility: 'open' })
    .expect(201);
  return { owner, members, chatId: (created.body.chat as Chat).id };
}

const memberIdsOf = (chat: Chat) => chat.participants.map((participant) => participant.user.id).sort();

it('answers a join, an addition and a removal while the other instances have not said which devices are older clients', async () => {
  const { owner, members, chatId } = await openGroupOfThree();
  const [leaving] = members;
  const [joiner, added] = [await registerUser(server), await registerUser(server)];
  await makeContacts(server, owner, added);
  const neverAnswered = publisher(() => new Promise(() => undefined));
  const { groups, openGroups } = servicesPublishingThrough(neverAnswered.events, { warn: jest.fn() });

  expect(memberIdsOf(await openGroups.join(joiner.id, chatId))).toContain(joiner.id);
  expect(memberIdsOf(await groups.addParticipants(owner.id, chatId, [added.id]))).toContain(added.id);
  await groups.removeParticipant(owner.id, chatId, leaving!.id);
  const chat = await request(server.url).get(`/api/chats/${chatId}`).set(owner.auth).expect(200);
  expect(memberIdsOf(chat.body.chat as Chat)).not.toContain(leaving!.id);
});

it('logs a fan-out that failed after the answer, rather than failing the change or leaving a rejection unhandled', async () => {
  const { owner, members, chatId } = await openGroupOfThree();
  const warn = jest.fn();
  const failing = publisher(() => Promise.reject(new Error('the adapter is gone')));
  const { groups, afterAnswer } = servicesPublishingThrough(failing.events, { warn });

  await groups.removeParticipant(owner.id, chatId, members[0]!.id);
  await afterAnswer.idle();
  expect(warn).toHaveBeenCalledWith(
    { err: new Error('the adapter is gone'), chatId },
    'telling older clients of a member change failed',
  );
});

it('publishes the change to clients that take deltas, and the messages sent after it, without waiting for that answer', async () => {
  const { owner, chatId } = await openGroupOfThree();
  const joiner = await registerUser(server);
  const neverAnswered = publisher(() => new Promise(() => undefined));
  const { openGroups, messages } = servicesPublishingThrough(neverAnswered.events, { warn: jest.fn() });

  await openGroups.join(joiner.id, chatId);
  const sent = await messages.send(owner.id, { chatId, clientMsgId: 'welcome-1', content: 'Welcome!' });
  expect(sent.created).toBe(true);
  // The joiner's group, the change, its system message, then the welcome: all out, only older clients still waiting.
  expect(neverAnswered.published).toEqual(['chat:created', 'chat:members', 'message:new', 'message:new']);
});
