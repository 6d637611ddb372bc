-- An endpoint's own ceiling on the requests a worker has in flight to it at once (the endpoint asked for fewer, or a
-- receiver known to take more than the installation's default); null: the installation's ceiling
-- (HOOKLINE_PER_ENDPOINT_IN_FLIGHT). Each worker's adaptive limit stays at or under the lower of the two. Nullable
-- without a default, so adding it rewrites nothing and takes the table's lock only for a moment.
ALTER TABLE endpoints
    ADD COLUMN max_in_flight integer CONSTRAINT endpoints_max_in_flight_range CHECK (max_in_flight BETWEEN 1 AND 1000);
