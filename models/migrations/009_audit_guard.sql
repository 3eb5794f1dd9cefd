-- A trail the application cannot rewrite (issue 13, finding 2).
--
-- The application connects as a role that owns no table (models/db.py grants it what it
-- needs after each migration); these triggers are the second guard, for a session that
-- holds more rights than it should. A superuser can still go around both
-- (session_replication_role = replica): that is what the anchors outside the database
-- (models/anchoring.py) catch.

-- TRUNCATE fires no row trigger: guard every append-only table per statement too.
create function append_only_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: TRUNCATE refused', tg_table_name;
end $$;
create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function append_only_no_truncate();
create trigger audit_heads_no_truncate before truncate on audit_heads
    for each statement execute function append_only_no_truncate();
create trigger dossier_entries_no_truncate before truncate on dossier_entries
    for each statement execute function append_only_no_truncate();
create trigger dossier_heads_no_truncate before truncate on dossier_heads
    for each statement execute function append_only_no_truncate();
create trigger deliberation_vote_history_no_truncate before truncate on deliberation_vote_history
    for each statement execute function append_only_no_truncate();
create trigger deliberation_opinion_history_no_truncate before truncate on deliberation_opinion_history
    for each statement execute function append_only_no_truncate();

-- A chain head only moves forward, one entry at a time, and is never removed: an
-- application role that may update heads still cannot wind one back over entries.
create function chain_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception '% rows are never deleted', tg_table_name;
    end if;
    if new.seq < old.seq then
        raise exception '% may only move forward (seq % -> %)', tg_table_name, old.seq, new.seq;
    end if;
    return new;
end $$;
create trigger audit_heads_forward_only before update or delete on audit_heads
    for each row execute function chain_head_forward_only();
