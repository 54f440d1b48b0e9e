import { isUniqueViolation } from '../../db/prisma';
import { badRequest, conflict, forbidden, notFound, userDeactivated } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { refusedByBlock } from '../blocks/block-refusal';
import type { PresenceRepository } from '../presence/presence.repository';
import type { ContactPresenter, ContactRequestRecord } from './contacts.presenter';
import type { ContactsRepository } from './contacts.repository';

type RequestRecord = ContactRequestRecord & { fromUserId: string; toUserId: string };

export class ContactsService {
  constructor(
    private readonly repository: ContactsRepository,
    private readonly presenter: ContactPresenter,
    private readonly events: EventPublisher,
    private readonly presence: Pick<PresenceRepository, 'visibleTo'>,
  ) {}

  async list(userId: string) {
    const rows = await this.repository.listContacts(userId);
    return rows.map((row) => this.presenter.contact(row.contact, row.createdAt));
  }

  async requests(userId: string) {
    const rows = await this.repository.listRequests(userId);
    const incoming = rows.filter((row) => row.toUserId === userId);
    const outgoing = rows.filter((row) => row.fromUserId === userId);
    const presenceVisible = await this.presence.visibleTo(
      userId,
      rows.flatMap((row) => [row.fromUserId, row.toUserId]),
    );
    return {
      incoming: incoming.map((row) => {
        const { id, from, createdAt } = this.presenter.request(row, presenceVisible);
        return { id, from, createdAt };
      }),
      outgoing: outgoing.map((row) => {
        const { id, to, createdAt } = this.presenter.request(row, presenceVisible);
        return { id, to, createdAt };
      }),
    };
  }

  /**
   * Sends a request, or accepts the other person's pending one if they asked first. A block either way refuses it
   * (403 BLOCKED); a block removes pending requests both ways, so there is then no pending one to accept.
   */
  async sendRequest(userId: string, targetId: string) {
    if (userId === targetId) throw badRequest('You cannot add yourself as a contact');
    const status = await this.repository.userStatus(targetId);
    if (!status) throw notFound('User');
    if (status === 'deactivated') throw userDeactivated('This account is deactivated and takes no contact requests');
    if (await this.repository.areContacts(userId, targetId)) throw conflict('You are already contacts');

    const reverse = await this.repository.findRequestBetween(targetId, userId);
    if (reverse) return { accepted: true as const, contact: await this.acceptRequest(reverse) };

    try {
      const created = await this.repository.createRequest(userId, targetId);
      if ('blocked' in created) throw refusedByBlock(created.blocked, 'send them contact requests');
      const { request } = created;
      // Each side sees the other's presence only if they already share a chat (they are not contacts yet).
      const requestAs = async (viewerId: string) =>
        this.presenter.request(request, await this.presence.visibleTo(viewerId, [userId, targetId]));
      const [forRequester, forTarget] = await Promise.all([requestAs(userId), requestAs(targetId)]);
      this.events.toUsers([targetId], 'contact:request', { request: forTarget });
      this.events.toUsers([userId], 'contact:request', { request: forRequester });
      return { accepted: false as const, request: forRequester };
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A request to this user is already pending');
      throw error;
    }
  }

  async accept(userId: string, requestId: string) {
    const request = await this.repository.findRequest(requestId);
    if (!request || (request.toUserId !== userId && request.fromUserId !== userId)) throw notFound('Contact request');
    if (request.toUserId !== userId) throw forbidden('Only the recipient can accept a contact request');
    return this.acceptRequest(request);
  }

  /** The recipient rejects, or the sender cancels. */
  async decline(userId: string, requestId: string): Promise<void> {
    const request = await this.repository.findRequest(requestId);
    if (!request || (request.toUserId !== userId && request.fromUserId !== userId)) throw notFound('Contact request');
    await this.repository.deleteRequest(requestId);
    this.events.toUsers([request.fromUserId, request.toUserId], 'contact:request:removed', { requestId });
  }

  async remove(userId: string, otherId: string): Promise<void> {
    if (!(await this.repository.areContacts(userId, otherId))) throw notFound('Contact');
    await this.repository.removeContact(userId, otherId);
    this.events.toUsers([otherId], 'contact:removed', { userId });
    this.events.toUsers([userId], 'contact:removed', { userId: otherId });
  }

  /** The request is always accepted by its recipient (request.to); each side hears of the other. */
  private async acceptRequest(request: RequestRecord) {
    const since = await this.repository.accept(request);
    if (!since) throw notFound('Contact request');
    const forRequester = this.presenter.contact(request.to, since);
    const forRecipient = this.presenter.contact(request.from, since);
    this.events.toUsers([request.fromUserId], 'contact:accepted', { contact: forRequester });
    this.events.toUsers([request.toUserId], 'contact:accepted', { contact: forRecipient });
    return forRecipient;
  }
}
