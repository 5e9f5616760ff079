CREATE TEMPORARY TABLE seed (name text);
INSERT INTO seed VALUES ('from a session-bound script');
CREATE TABLE seeded AS SELECT name FROM seed;
