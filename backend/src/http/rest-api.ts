import type { RequestHandler, Router } from 'express';
import { adminUsersOperations } from '../modules/admin/admin-users.operations';
import { authOperations } from '../modules/auth/auth.operations';
import { blocksOperations } from '../modules/blocks/blocks.operations';
import { chatsOperations } from '../modules/chats/chats.operations';
import { openGroupsOperations } from '../modules/chats/open-groups.operations';
import { contactsOperations } from '../modules/contacts/contacts.operations';
import { mediaOperations } from '../modules/media/media.operations';
import { messagesOperations } from '../modules/messages/messages.operations';
import { pinsOperations } from '../modules/pins/pins.operations';
import { passwordsOperations } from '../modules/passwords/passwords.operations';
import { registrationOperations } from '../modules/registration/registration.operations';
import { searchOperations } from '../modules/search/search.operations';
import { usersOperations } from '../modules/users/users.operations';
import { mountOperations, type TableOperation } from './operations';

/**
 * Every REST operation, one table per feature (`modules/<feature>/<feature>.operations.ts`): the routes the server
 * mounts and the OpenAPI document are both made from these, so they cannot disagree.
 */
export const REST_API = {
  auth: authOperations,
  users: usersOperations,
  blocks: blocksOperations,
  contacts: contactsOperations,
  chats: chatsOperations,
  openGroups: openGroupsOperations,
  messages: messagesOperations,
  pins: pinsOperations,
  media: mediaOperations,
  search: searchOperations,
  passwords: passwordsOperations,
  registration: registrationOperations,
  adminUsers: adminUsersOperations,
};

type DepsOf<Table> = Table extends readonly TableOperation<infer D>[] ? D : never;

/** What each feature's handlers take, keyed as REST_API: a table without its dependencies does not compile. */
export type RestApiDeps = { [Feature in keyof typeof REST_API]: DepsOf<(typeof REST_API)[Feature]> };

export const restOperations = (): TableOperation<never>[] => Object.values(REST_API).flat();

export function mountRestApi(
  routers: { public: Router; signedIn: Router },
  deps: RestApiDeps,
  requireAdmin: RequestHandler,
): void {
  const features = Object.keys(REST_API) as (keyof typeof REST_API)[];
  const tables = features.map((feature) => ({ operations: REST_API[feature], deps: deps[feature] }));
  mountOperations(routers, tables, requireAdmin);
}
