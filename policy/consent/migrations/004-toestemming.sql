-- The consent register. A consent is never deleted or rewritten: a revocation is a new fact
-- (ingetrokken_op), and every registration and revocation is also an event in the history.
CREATE TABLE toestemming (
  id                 uuid PRIMARY KEY,
  betrokkene         text NOT NULL,           -- BSN of the person the data is about
  gegeven_door       text NOT NULL,           -- BSN of who consented: the person, or a parent with authority
  ontvanger          text NOT NULL,           -- organisation (token claim org) that may receive
  domeinen           text[] NOT NULL,
  doel               text NOT NULL,
  geldig_vanaf       date NOT NULL,
  geldig_tot         date,
  geregistreerd_op   timestamptz NOT NULL,
  geregistreerd_door text NOT NULL,           -- sub of the regisseur
  ingetrokken_op     timestamptz,
  ingetrokken_door   text
);
CREATE INDEX toestemming_lookup ON toestemming (betrokkene, ontvanger, doel);

CREATE TABLE toestemming_gebeurtenis (
  volgnummer   bigserial PRIMARY KEY,
  toestemming  uuid NOT NULL REFERENCES toestemming (id),
  soort        text NOT NULL CHECK (soort IN ('GEREGISTREERD', 'INGETROKKEN')),
  tijdstip     timestamptz NOT NULL,
  door         text NOT NULL
);
