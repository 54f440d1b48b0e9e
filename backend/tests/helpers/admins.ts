import request from 'supertest';
import type { TestServer } from './test-server';
import { registerUser, type TestUser } from './users';

/** Makes a user an admin straight in the database, as the first registration or make-admin would. */
export async function makeAdmin(server: TestServer, user: TestUser): Promise<TestUser> {
  await server.prisma.user.update({ where: { id: user.id }, data: { role: 'admin' } });
  return user;
}

/** A fresh admin on a server whose database may already have its first (admin) account. */
export async function registerAdmin(server: TestServer): Promise<TestUser> {
  return makeAdmin(server, await registerUser(server));
}

export const adminApi = (server: TestServer, admin: TestUser) => ({
  deactivate: (id: string) => request(server.url).post(`/api/admin/users/${id}/deactivate`).set(admin.auth),
  reactivate: (id: string) => request(server.url).post(`/api/admin/users/${id}/reactivate`).set(admin.auth),
  setRole: (id: string, role: 'admin' | 'member') =>
    request(server.url).put(`/api/admin/users/${id}`).set(admin.auth).send({ role }),
});
