-- Mute per chat: each participant's own choice, kept on the server so that every device of theirs follows it.
ALTER TABLE "chat_participants" ADD COLUMN "muted" BOOLEAN NOT NULL DEFAULT false;
