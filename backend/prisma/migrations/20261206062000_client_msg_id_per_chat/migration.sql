-- A retry is recognised by (sender, chat, clientMsgId), no longer by (sender, clientMsgId): with the old key an old
-- clientMsgId sent into another chat was answered with the first chat's message, even after the sender had left it.
DROP INDEX "messages_sender_id_client_msg_id_key";
CREATE UNIQUE INDEX "messages_sender_id_chat_id_client_msg_id_key" ON "messages"("sender_id", "chat_id", "client_msg_id");
