import type { PublicUser, UserPresenter, UserRecord } from '../users/users.presenter';

export interface ContactDto {
  user: PublicUser;
  since: string;
}

export interface ContactRequestDto {
  id: string;
  from: PublicUser;
  to: PublicUser;
  createdAt: string;
}

export interface ContactRequestRecord {
  id: string;
  createdAt: Date;
  from: UserRecord;
  to: UserRecord;
}

export class ContactPresenter {
  constructor(private readonly users: UserPresenter) {}

  contact(user: UserRecord, since: Date): ContactDto {
    return { user: this.users.toPublic(user), since: since.toISOString() };
  }

  request(request: ContactRequestRecord): ContactRequestDto {
    return {
      id: request.id,
      from: this.users.toPublic(request.from),
      to: this.users.toPublic(request.to),
      createdAt: request.createdAt.toISOString(),
    };
  }
}
