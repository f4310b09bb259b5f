-- Whether the copy holds everyone registered at a person's address: true for the subjects' own
-- households, which the BRP sync reads whole; false for people copied for another reason (a
-- parent of a minor living elsewhere), whose housemates the copy does not hold.
ALTER TABLE brp_persoon ADD COLUMN huishouden_volledig boolean NOT NULL DEFAULT false;
