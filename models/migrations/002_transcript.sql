-- The hearing transcript: speech-recognition segments on the hearing clock, and every
-- correction as a revision (who, when, before, after).

create table transcript_segments (
    id uuid primary key,
    hearing_id uuid not null references hearings(id),
    participant_id uuid references participants(id),
    speaker_role text,
    speaker_name text,
    start_s double precision not null,
    end_s double precision not null,
    text text not null,
    words jsonb not null default '[]',
    confidence real,
    model text,
    source text not null default 'asr' check (source in ('asr', 'clerk')),
    -- Optimistic concurrency: an edit names the version it was made on.
    version integer not null default 1,
    deleted boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (end_s >= start_s)
);
create index transcript_segments_hearing on transcript_segments(hearing_id, start_s);

create table segment_revisions (
    id bigserial primary key,
    segment_id uuid not null references transcript_segments(id),
    hearing_id uuid not null references hearings(id),
    version integer not null,
    action text not null check (action in ('create', 'edit', 'split', 'merge', 'reattribute', 'delete', 'restore')),
    editor text not null,
    editor_role text,
    at timestamptz not null default now(),
    before jsonb,
    after jsonb,
    unique (segment_id, version)
);
create index segment_revisions_hearing on segment_revisions(hearing_id, at);

alter table hearings add column transcript_locked_at timestamptz;
alter table hearings add column transcript_locked_by text;
