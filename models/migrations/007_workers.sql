-- Worker processes and the placement of hearings on media workers (issue 11).
-- PostgreSQL is the system of record: every front and worker reads the same rows, and
-- its now() is the one clock for heartbeats (no skew between machines).

create table workers (
    id uuid primary key,
    kind text not null check (kind in ('media', 'asr')),
    name text not null,                  -- host and pid, for people
    -- Where the front reaches it (the /ws/hearing proxy target), e.g. http://10.0.0.5:8101.
    address text not null,
    capacity real not null check (capacity > 0),   -- in hearing-weight units (a hearing is usually 1)
    load real not null default 0 check (load >= 0), -- what the worker itself measures (its loop's busy fraction, x capacity)
    detail jsonb not null default '{}',   -- version, ICE addresses, recordings path...
    state text not null default 'live' check (state in ('live', 'draining', 'stopped', 'dead')),
    started_at timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    ended_at timestamptz
);
create index workers_live on workers (kind, heartbeat_at) where state in ('live', 'draining');

-- One row per hearing: the worker it lives on now. Moves (a dead worker, a drain) bump
-- the generation, so a worker that comes back from a long pause sees it lost the hearing.
create table hearing_placements (
    hearing_id uuid primary key references hearings(id),
    worker_id uuid not null references workers(id),
    weight real not null default 1 check (weight > 0),
    generation integer not null default 1,
    placed_at timestamptz not null default now(),
    previous_worker_id uuid references workers(id)
);
create index hearing_placements_worker on hearing_placements (worker_id);

-- Each closed segment is copied to the court's store (content-addressed by its sha256,
-- models/blobstore.py; a shared mount such as NFS or CephFS when workers are on several
-- machines): stored_at says the copy exists and matched the digest taken at close.
alter table recordings add column stored_at timestamptz;
