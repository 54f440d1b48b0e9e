import { z } from 'zod';

/** Ids are UUIDs; the message names what the id must be (`must be a chat id`). */
export const idOf = (what: string) => z.uuid(`must be ${what}`);

/** `{id}` in a path. */
export const idParamSchema = (what: string) => z.object({ id: idOf(what) });

/** Every time on the wire: ISO 8601 in UTC, as `Date.prototype.toISOString` writes it. */
export const timestampSchema = z.iso.datetime();
