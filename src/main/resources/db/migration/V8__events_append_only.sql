-- The event log is append-only in the database itself, not only in the code: an UPDATE, DELETE or
-- TRUNCATE of events fails for every role, its owner included (SQLSTATE 42501). Only the table's
-- owner can turn the guard off (ALTER TABLE events DISABLE TRIGGER ...), and doing so takes a lock
-- that every writer waits on: a repair is deliberate and seen, never a stray statement.
-- Statement-level triggers cost nothing on the append path: inserts do not fire them.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on events refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A correction is a new event. A repair by the owner disables events_append_only in its transaction.';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
