-- Operational webhooks: the operator's own endpoints are endpoints of a reserved tenant, so their messages, deliveries,
-- attempts, secrets, retries and fairness are the tenants' own machinery. Its id has the shape of an id and is the
-- lowest one (a uid cannot take it: uids of that shape are refused); no API key can be made for it, and every
-- tenant route answers 404 for it, to the admin key too (docs/architecture.md).
INSERT INTO tenants (id, uid, name, metadata, created_at, updated_at)
VALUES ('tnt_00000000000000000000000000', NULL, 'Hookline operator', '{}', now(), now())
ON CONFLICT (id) DO NOTHING;

-- What a delivery has told the operator, so that each event is produced once per change of state, whichever worker
-- records it: message.attempt.failing sets failing_reported, message.attempt.recovered clears it again, and
-- message.attempt.exhausted keeps the attempt count it was reported at (a recovered delivery can be exhausted again,
-- later). Both are set by conditional updates in the transaction that records the attempt. Neither is indexed, so
-- the updates can stay on their page (V5); a constant default adds the column without rewriting the table.
ALTER TABLE deliveries
    ADD COLUMN failing_reported boolean NOT NULL DEFAULT false,
    ADD COLUMN exhausted_reported integer;
