-- What an incremental reader must remember between runs beyond its cursor (the Jeugd feed's
-- start/stop reports still waiting for their toewijzing).
ALTER TABLE sync_state ADD COLUMN progress jsonb;
