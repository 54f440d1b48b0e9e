-- Mentions: who each message's `@username`s mention, one row per mentioned participant. chat_id and seq repeat the
-- message's, so that one user's unread mentions in a chat (mentionCount: seq past their read watermark) and the
-- messages that mention them (search with mentions=me) are a range of one index. Messages written before this
-- migration mention nobody.

CREATE TABLE "message_mentions" (
    "message_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "chat_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    CONSTRAINT "message_mentions_pkey" PRIMARY KEY ("message_id","user_id")
);
CREATE INDEX "message_mentions_user_id_chat_id_seq_idx" ON "message_mentions"("user_id", "chat_id", "seq");
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_message_id_fkey"
  FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_user_id_fkey"
  FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
