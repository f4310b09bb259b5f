-- How each consent was obtained, kept with it: without this a register entry proves nothing.
-- Nullable for consents registered before it was asked for; every new one carries all three.
ALTER TABLE toestemming ADD COLUMN bewijs_kanaal text;
ALTER TABLE toestemming ADD COLUMN bewijs_referentie text;
ALTER TABLE toestemming ADD COLUMN bewijs_ondertekend_op date;
