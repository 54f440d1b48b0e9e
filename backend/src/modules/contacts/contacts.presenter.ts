import type { Contact, ContactRequest } from '@messenger/contract';
import type { UserPresenter, UserRecord } from '../users/users.presenter';

export interface ContactRequestRecord {
  id: string;
  createdAt: Date;
  from: UserRecord;
  to: UserRecord;
}

export class ContactPresenter {
  constructor(private readonly users: UserPresenter) {}

  /** A contact's presence is always theirs to see. */
  contact(user: UserRecord, since: Date): Contact {
    return { user: this.users.toPublic(user, true), since: since.toISOString() };
  }

  /** A request as one viewer sees it: presence of those in `presenceVisible` only (PresenceRepository.visibleTo). */
  request(request: ContactRequestRecord, presenceVisible: ReadonlySet<string>): ContactRequest {
    return {
      id: request.id,
      from: this.users.toPublic(request.from, presenceVisible.has(request.from.id)),
      to: this.users.toPublic(request.to, presenceVisible.has(request.to.id)),
      createdAt: request.createdAt.toISOString(),
    };
  }
}
