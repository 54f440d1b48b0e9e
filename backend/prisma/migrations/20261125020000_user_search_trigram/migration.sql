-- User search: username prefixes through the unique index (byte order), display-name words and fuzzy matches
-- through trigram GiST indexes (GiST, not GIN, because fuzzy matches are ranked by the index: ORDER BY <-> LIMIT n).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Byte order for usernames ([a-z0-9_.-] once normalised), so that a prefix search is an index range scan whatever
-- the database's locale. Rebuilds the unique index.
ALTER TABLE "users" ALTER COLUMN "username_normalized" SET DATA TYPE VARCHAR(32) COLLATE "C";

-- DropIndex
DROP INDEX "users_display_name_idx";

-- CreateIndex
CREATE INDEX "users_username_normalized_trgm_idx" ON "users" USING GIST ("username_normalized" gist_trgm_ops);

-- CreateIndex
CREATE INDEX "users_display_name_trgm_idx" ON "users" USING GIST ("display_name" gist_trgm_ops);
