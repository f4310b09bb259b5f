-- last_reached_at (009) and last_success_at (010) said the same thing twice: when a sync job last
-- got an answer from the source and committed what it found. They differed only in where they
-- were written (last_reached_at with the data, in the job's transaction, on the sync's clock;
-- last_success_at by the worker after the job, on the system clock), so answers (bronBereiktOp,
-- verouderd) and /readyz (lastSuccessAt, lagMs) could disagree about one source. One column now,
-- written with the data: last_reached_at. It also takes in the full-sync and change times that
-- rows from before 009 have only there, so readers need look at it alone.
UPDATE sync_state SET last_reached_at = GREATEST(last_reached_at, last_success_at, last_full_sync_at, last_change_at);
ALTER TABLE sync_state DROP COLUMN last_success_at;
