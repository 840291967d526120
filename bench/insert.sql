-- pgbench script: the write ceiling, one single-row insert per transaction.
INSERT INTO bench_insert (id, payload) VALUES (gen_random_uuid(), 'a short row of about the size of an event');
