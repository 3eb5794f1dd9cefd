-- Who may do what (issue 13): log-in throttling, password life-cycle, session-bound staff join tokens.

-- The first administrator's generated password must be replaced at first log-in.
alter table staff add column must_change_password boolean not null default false;
alter table staff add column password_changed_at timestamptz;

-- A staff member's own join token lives only as long as the log-in session it was taken with:
-- logging out (or out everywhere), or being disabled, ends it.
alter table join_tokens add column session_id text references staff_sessions(id);

-- Failed log-ins, per account ('user:<name>') and per source address ('addr:<ip>').
-- After a few free failures each further one doubles the wait (blocked_until).
create table login_throttle (
    key text primary key,
    failures integer not null default 0,
    last_failure_at timestamptz not null default now(),
    blocked_until timestamptz
);
