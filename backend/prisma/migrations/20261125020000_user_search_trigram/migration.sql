-- User search: prefix, substring and fuzzy matching on username and display name through trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "users_display_name_idx";

-- CreateIndex
CREATE INDEX "users_username_normalized_trgm_idx" ON "users" USING GIN ("username_normalized" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_display_name_trgm_idx" ON "users" USING GIN ("display_name" gin_trgm_ops);
