-- The event-type catalogue becomes a contract: each type's JSON Schema (draft 2020-12, checked when saved) can be
-- enforced on sends, and the catalogue carries examples, a deprecation mark and a group to sort it by.
-- validate_payloads NULL follows the server's limits.validatePayloads.
ALTER TABLE event_types
    ADD COLUMN examples          jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN deprecated        boolean NOT NULL DEFAULT false,
    ADD COLUMN validate_payloads boolean,
    ADD COLUMN group_name        text;

-- A test send (POST …/endpoints/{e}/send-example) logs its attempt with trigger 'test'. The constraint is replaced
-- on the partitioned parent, which replaces it on every partition; the new one only widens the old.
ALTER TABLE attempts DROP CONSTRAINT attempts_trigger_check;
ALTER TABLE attempts ADD CONSTRAINT attempts_trigger_check CHECK (trigger IN ('scheduled', 'manual', 'test'));
