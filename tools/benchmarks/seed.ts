import type { Client } from 'pg';

/**
 * Benchmark worlds written straight into the database: far quicker than the API (no bcrypt), and the benchmarks
 * sign their users' access tokens themselves.
 */

/** `count` users named `<prefix>1` … `<prefix><count>` ("Prefix 1" …), without a usable password; ids in order. */
export async function insertUsers(db: Client, prefix: string, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, username_normalized, display_name, password_hash)
     SELECT $2 || i, $2 || i, initcap($2) || ' ' || i, 'unused' FROM generate_series(1, $1) AS i ORDER BY i RETURNING id`,
    [count, prefix],
  );
  return rows.map((row) => row.id);
}

/** A group of `memberIds`, the first of them its owner; its id. */
export async function insertGroup(
  db: Client,
  group: { name: string; memberIds: readonly string[]; visibility?: 'private' | 'open' },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `WITH chat AS (
       INSERT INTO chats (type, name, owner_id, visibility) VALUES ('group', $1, $2, $4::"ChatVisibility") RETURNING id
     )
     INSERT INTO chat_participants (chat_id, user_id, role)
     SELECT id, member, CASE WHEN member = $2 THEN 'owner'::"ParticipantRole" ELSE 'member' END
     FROM chat, unnest($3::uuid[]) AS member RETURNING chat_id AS id`,
    [group.name, group.memberIds[0], group.memberIds, group.visibility ?? 'private'],
  );
  return rows[0]?.id ?? '';
}
