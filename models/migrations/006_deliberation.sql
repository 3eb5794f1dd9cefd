-- Closed sessions (deliberation, judicial committee): per-case data keys, sealed blobs,
-- questions, votes with their history, members' opinions with their history.
--
-- Numbered 006 (the issue's number) rather than the next free 004 so that migrations
-- written at the same time by other parts (broadcast) cannot collide; the runner applies
-- every version not yet applied, gaps included.
--
-- Every text a member says or decides is stored sealed (courtroom.atrest field format,
-- "sealed:v1:..."), under the case's data key: questions, vote choices and reasons,
-- opinions. What stays in the clear is who, when, which question, and versions.

-- One AES-256-GCM data key per case, wrapped (AES-256-GCM) under a key derived from the
-- server master key, with the case id as associated data.
create table case_data_keys (
    case_id uuid primary key references cases(id),
    key_id text not null unique,
    wrapped bytea not null,
    algorithm text not null default 'AES-256-GCM',
    created_at timestamptz not null default now()
);

-- Blobs of closed sessions are stored sealed: the blob store holds the ciphertext (named
-- by its own sha256); the dossier, records and chains keep naming the plaintext's sha256.
create table sealed_blobs (
    case_id uuid not null references cases(id),
    plain_sha256 text not null,
    cipher_sha256 text not null,
    size bigint not null,
    created_at timestamptz not null default now(),
    primary key (case_id, plain_sha256)
);

-- Questions put by the presiding member (审判长 / 主持人), numbered per session.
create table deliberation_questions (
    id uuid primary key,
    hearing_id uuid not null references hearings(id),
    number integer not null,
    text_sealed text not null,
    state text not null default 'open' check (state in ('open', 'closed')),
    put_by uuid not null references participants(id),
    put_at timestamptz not null default now(),
    closed_by uuid references participants(id),
    closed_at timestamptz,
    result_sealed text,                  -- the tally at close (counts, majority, minority)
    unique (hearing_id, number)
);

-- One vote per member and question; changeable until the question closes.
create table deliberation_votes (
    question_id uuid not null references deliberation_questions(id),
    participant_id uuid not null references participants(id),
    version integer not null,
    choice_sealed text not null,         -- agree | disagree | abstain, and the reason
    updated_at timestamptz not null default now(),
    primary key (question_id, participant_id)
);

-- Every vote as cast, version by version: a change never erases what was voted before.
create table deliberation_vote_history (
    question_id uuid not null references deliberation_questions(id),
    participant_id uuid not null references participants(id),
    version integer not null,
    choice_sealed text not null,
    at timestamptz not null default now(),
    primary key (question_id, participant_id, version)
);

-- A member's opinion, on one question or (question_id null) on the case as a whole,
-- optionally pointing at the transcript segments where the member said it.
create table deliberation_opinions (
    id uuid primary key,
    hearing_id uuid not null references hearings(id),
    participant_id uuid not null references participants(id),
    question_id uuid references deliberation_questions(id),
    version integer not null,
    text_sealed text not null,
    segment_ids uuid[] not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index deliberation_opinions_one_per_question
    on deliberation_opinions(participant_id, question_id) where question_id is not null;
create unique index deliberation_opinions_one_general
    on deliberation_opinions(hearing_id, participant_id) where question_id is null;

create table deliberation_opinion_history (
    opinion_id uuid not null references deliberation_opinions(id),
    version integer not null,
    text_sealed text not null,
    segment_ids uuid[] not null default '{}',
    at timestamptz not null default now(),
    primary key (opinion_id, version)
);

-- The history tables are append-only, like the audit log.
create function deliberation_history_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end $$;
create trigger deliberation_vote_history_no_update before update or delete on deliberation_vote_history
    for each row execute function deliberation_history_append_only();
create trigger deliberation_opinion_history_no_update before update or delete on deliberation_opinion_history
    for each row execute function deliberation_history_append_only();
