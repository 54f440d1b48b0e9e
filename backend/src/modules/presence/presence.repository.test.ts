import { createGroup } from '../../../tests/helpers/groups';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, openDirectChat, registerUser } from '../../../tests/helpers/users';
import { PresenceRepository } from './presence.repository';

/**
 * A presence window asks for the audiences of all the users whose presence changed in it at once (a restarted
 * instance's users come back by the thousand), over the real PostgreSQL.
 */
const server = useTestServer();
const register = (name: string) => registerUser(server, `${name}_${process.pid}_presence`);

it('answers each user of a window with their contacts and chat partners, a block keeping both sides out', async () => {
  const [alice, bob, carol, dave, erin] = await Promise.all([
    register('alice'),
    register('bob'),
    register('carol'),
    register('dave'),
    register('erin'),
  ]);
  await makeContacts(server, alice, bob); // contacts, no chat
  await makeContacts(server, alice, carol);
  await openDirectChat(server, alice, carol); // contacts with a direct chat
  await makeContacts(server, alice, dave);
  await createGroup(server, alice, [dave, carol]); // Dave and Carol meet only in the group
  await server.api.post(`/api/users/${dave.id}/block`).set(carol.auth).expect(204);

  const audiences = await new PresenceRepository(server.prisma).audiences([alice.id, carol.id, erin.id]);

  const sorted = (ids: string[] | undefined) => [...(ids ?? [])].sort();
  expect(sorted(audiences.get(alice.id))).toEqual(sorted([bob.id, carol.id, dave.id]));
  expect(sorted(audiences.get(carol.id))).toEqual([alice.id]);
  expect(audiences.get(erin.id)).toEqual([]);
  expect(audiences.has(dave.id)).toBe(false);
  expect(await new PresenceRepository(server.prisma).audiences([])).toEqual(new Map());
});

it('records the last-seen time of every user of a window in one write, leaving the others alone', async () => {
  const [alice, bob, carol] = await Promise.all([register('alice_seen'), register('bob_seen'), register('carol_seen')]);
  const aliceSeen = new Date('2026-12-06T10:00:00.123Z');
  const bobSeen = new Date('2026-12-06T11:30:00.456Z');

  await new PresenceRepository(server.prisma).markSeen(
    new Map([
      [alice.id, aliceSeen],
      [bob.id, bobSeen],
    ]),
  );

  const rows = await server.prisma.user.findMany({
    where: { id: { in: [alice.id, bob.id, carol.id] } },
    select: { id: true, lastSeenAt: true },
  });
  const seen = new Map(rows.map((row) => [row.id, row.lastSeenAt?.toISOString() ?? null]));
  expect(seen).toEqual(
    new Map([
      [alice.id, aliceSeen.toISOString()],
      [bob.id, bobSeen.toISOString()],
      [carol.id, null],
    ]),
  );
});
