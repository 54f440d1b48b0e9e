-- Pinned messages (issue #23): one row per pinned message, in a table of its own rather than columns on
-- "messages", so that the send path's inserts into "messages" pay for no extra column or index.
CREATE TABLE "message_pins" (
    "message_id" UUID NOT NULL,
    "chat_id" UUID NOT NULL,
    "pinned_by_id" UUID,
    "pinned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_pins_pkey" PRIMARY KEY ("message_id")
);

-- A chat's pins, newest first (scanned backwards), and their count under the cap.
CREATE INDEX "message_pins_chat_id_pinned_at_idx" ON "message_pins"("chat_id", "pinned_at");

ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "message_pins" ADD CONSTRAINT "message_pins_pinned_by_id_fkey" FOREIGN KEY ("pinned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
