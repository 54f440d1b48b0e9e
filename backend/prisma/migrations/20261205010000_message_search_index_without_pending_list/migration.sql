-- GIN's fast update collects new entries in a pending list and merges it into the index when it reaches
-- gin_pending_list_limit (4 MB), inside whichever insert crosses the limit. Under a steady stream of messages that
-- was a send stalling for hundreds of milliseconds about every 30 s at 550 msg/s (docs/performance.md), and every
-- send behind it in its chat waiting too. Without the pending list each message updates the index itself: a
-- little more work per send, and no stalls.
ALTER INDEX "messages_search_vector_idx" SET (fastupdate = off);
