-- Message search: language-neutral (team chats mix languages) and accent-insensitive ("cafe" finds "café").
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION messenger (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION messenger ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- DropIndex
DROP INDEX "messages_search_vector_idx";

-- The generated column follows every edit and deletion of content by itself.
ALTER TABLE "messages" DROP COLUMN "search_vector";
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('messenger'::regconfig, "content")) STORED;

-- CreateIndex
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");
