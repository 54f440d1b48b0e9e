-- The version of a chat's membership (who is in it, who owns it): each change raises it by one in its transaction,
-- and chat:members carries the version it made, so that a client applies member changes in order whatever order
-- they arrive in, and sees a gap when it missed one. No index: nothing looks chats up by it.
ALTER TABLE "chats" ADD COLUMN "members_version" INTEGER NOT NULL DEFAULT 0;
