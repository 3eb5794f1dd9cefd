-- Courts, staff, cases, hearings, participants, join tokens, recordings, audit chain.

create table courts (
    id uuid primary key,
    name text not null unique,
    created_at timestamptz not null default now()
);

create table courtrooms (
    id uuid primary key,
    court_id uuid not null references courts(id),
    name text not null,
    kind text not null check (kind in ('digital', 'internet')),
    unique (court_id, name)
);

-- Court staff with password log-in (scrypt). position is the job, not the role in a hearing.
create table staff (
    id uuid primary key,
    court_id uuid not null references courts(id),
    username text not null unique,
    display_name text not null,
    position text not null check (position in
        ('judge', 'juror', 'clerk', 'judge_assistant', 'committee_member', 'committee_secretary', 'admin')),
    password_hash text not null,
    disabled boolean not null default false,
    created_at timestamptz not null default now()
);

create table staff_sessions (
    id text primary key,              -- sha256 of the bearer secret; the secret itself is never stored
    staff_id uuid not null references staff(id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
);

create table cases (
    id uuid primary key,
    court_id uuid not null references courts(id),
    case_number text not null unique,
    cause text not null,
    -- Exclusions from public broadcast (secret, privacy, juvenile).
    is_secret boolean not null default false,
    involves_privacy boolean not null default false,
    involves_minor boolean not null default false,
    created_by uuid references staff(id),
    created_at timestamptz not null default now()
);

-- The case team: staff who may see and manage the case. Deny by default: nobody else.
create table case_members (
    case_id uuid not null references cases(id),
    staff_id uuid not null references staff(id),
    duty text not null,
    primary key (case_id, staff_id)
);

create table case_parties (
    id uuid primary key,
    case_id uuid not null references cases(id),
    role text not null check (role in ('plaintiff', 'defendant', 'third_party', 'agent', 'witness')),
    name text not null,
    id_number_masked text,
    represents uuid references case_parties(id)
);

create table hearings (
    id uuid primary key,
    case_id uuid not null references cases(id),
    kind text not null check (kind in ('hearing', 'deliberation', 'committee')),
    mode text not null check (mode in ('courtroom', 'internet')),
    courtroom_id uuid references courtrooms(id),
    title text not null,
    place text,
    scheduled_at timestamptz not null,
    state text not null default 'scheduled' check (state in ('scheduled', 'open', 'paused', 'closed')),
    -- The hearing clock: seconds since opened_at. Recordings and transcript share it.
    opened_at timestamptz,
    closed_at timestamptz,
    broadcast_approved boolean not null default false,
    broadcast_approved_by uuid references staff(id),
    created_by uuid references staff(id),
    created_at timestamptz not null default now(),
    check (kind = 'hearing' or broadcast_approved = false)
);

create table participants (
    id uuid primary key,
    hearing_id uuid not null references hearings(id),
    role text not null check (role in
        ('presiding_judge', 'judge', 'juror', 'clerk', 'judge_assistant',
         'plaintiff', 'defendant', 'third_party', 'agent', 'witness',
         'committee_chair', 'committee_member', 'committee_secretary')),
    name text not null,
    id_number_masked text,
    staff_id uuid references staff(id),
    party_id uuid references case_parties(id),
    remote boolean not null default false,
    state text not null default 'invited' check (state in ('invited', 'waiting', 'admitted', 'removed')),
    muted boolean not null default false,
    created_at timestamptz not null default now(),
    unique (hearing_id, staff_id)
);
create index participants_hearing on participants(hearing_id);

create table join_tokens (
    id uuid primary key,              -- the token's jti
    hearing_id uuid not null references hearings(id),
    participant_id uuid not null references participants(id),
    role text not null,
    issued_by uuid references staff(id),
    issued_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    revoked_by uuid references staff(id)
);
create index join_tokens_participant on join_tokens(participant_id);

-- One row per recorded segment (one track between open/resume and pause/close/crash).
create table recordings (
    id uuid primary key,
    hearing_id uuid not null references hearings(id),
    participant_id uuid not null references participants(id),
    kind text not null check (kind in ('audio', 'video')),
    segment_index integer not null,
    path text not null,
    codec text not null,
    hearing_start_s double precision not null,
    wall_start timestamptz not null,
    duration_s double precision,
    bytes bigint,
    sha256 text,
    state text not null default 'recording' check (state in ('recording', 'closed', 'damaged')),
    damaged_reason text,
    closed_at timestamptz,
    unique (hearing_id, participant_id, kind, segment_index)
);
create index recordings_hearing on recordings(hearing_id);

-- Append-only audit log, one hash chain per scope ('court' or a hearing id).
-- Each row carries the hash of the previous row of its scope, so a gap or an edit shows.
create table audit_events (
    id bigserial primary key,
    scope text not null,
    seq bigint not null,
    at timestamptz not null,
    actor text not null,
    actor_role text,
    action text not null,
    hearing_id uuid,
    case_id uuid,
    detail jsonb not null default '{}',
    prev_hash text not null,
    hash text not null,
    unique (scope, seq)
);

create table audit_heads (
    scope text primary key,
    seq bigint not null,
    hash text not null
);

-- Audit rows are never updated or deleted by the application.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only';
end $$;
create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only();
