-- Per source, how its sync jobs last went, for /readyz: the gateway runs apart from the sync
-- workers, so this lives in Postgres rather than in the sync process's memory. The error is a
-- code (SOURCE_UNAVAILABLE, ECONNREFUSED, …), never a message: messages can quote data.
ALTER TABLE sync_state ADD COLUMN last_success_at timestamptz;
ALTER TABLE sync_state ADD COLUMN last_error_at timestamptz;
ALTER TABLE sync_state ADD COLUMN last_error_code text;
