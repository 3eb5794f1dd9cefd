-- Where every copy of a closed recording segment is (issue 11). 'store': the court's store
-- (content-addressed by sha256, a shared mount; recordings.stored_at says it was verified).
-- 's3': an S3-compatible bucket with Object Lock, written in compliance mode: nobody, the
-- bucket's owner included, can delete or overwrite that version before retain_until.
create table recording_copies (
    recording_id uuid not null references recordings(id),
    target text not null check (target in ('store', 's3')),
    location text not null,          -- store: the file's path; s3: s3://bucket/key
    version_id text,                 -- s3: the locked object version
    sha256 text not null,            -- checked against the digest taken at close before the row is written
    bytes bigint not null,
    lock_mode text,                  -- s3: COMPLIANCE
    retain_until timestamptz,        -- s3: the version's retention
    copied_at timestamptz not null default now(),
    primary key (recording_id, target)
);
