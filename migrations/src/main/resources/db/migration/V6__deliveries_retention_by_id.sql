-- Retention now finds old settled deliveries by their time-ordered id (primary key), so the created_at index is
-- no longer read. It was written twice for every delivery (on insert, and again on the outcome's update, which
-- cannot stay on its page because it changes the status): two of the delivery's fourteen index entries.
DROP INDEX IF EXISTS deliveries_created;
