-- Open groups: a group is private (the owner adds its members, as before) or open (listed by GET
-- /api/chats/discover, joined by anyone). Every existing chat stays private.
-- CreateEnum
CREATE TYPE "ChatVisibility" AS ENUM ('private', 'open');

-- AlterTable
ALTER TABLE "chats" ADD COLUMN "visibility" "ChatVisibility" NOT NULL DEFAULT 'private';

-- Discovery reads the few open groups among the many direct and private chats. Sends update the chat row but never
-- this column, so their updates stay HOT (see 20261205000000_chats_hot_updates).
-- CreateIndex
CREATE INDEX "chats_visibility_idx" ON "chats"("visibility");
