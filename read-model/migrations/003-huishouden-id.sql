-- The household key the API hands out, so a subgraph can find the members from it alone.
ALTER TABLE brp_persoon ADD COLUMN huishouden_id text;
CREATE INDEX brp_persoon_huishouden ON brp_persoon (huishouden_id);
