-- When the session's refresh token last rotated. The token it replaced still answers (with the same new pair)
-- for a short grace window after this moment, so that a lost response or two tabs refreshing at once do not sign
-- the user out; after it, that token coming back is reuse and ends the session.
ALTER TABLE "sessions" ADD COLUMN "rotated_at" TIMESTAMPTZ(3);
