-- Signed hearing records, signing invitations of remote parties, browser signatures in
-- progress, the electronic dossier (one hash chain per case and volume) and the outbox
-- of packages pushed to an external dossier system.

-- One rendered record of a hearing. A reopen of the transcript supersedes it; the next
-- lock renders attempt n+1. PDFs live in the blob store, named by sha256.
create table hearing_records (
    id uuid primary key,
    hearing_id uuid not null references hearings(id),
    attempt integer not null,
    state text not null check (state in ('rendered', 'signing', 'signed', 'filed', 'superseded')),
    rendered_sha256 text not null,        -- the PDF as rendered, with empty signature fields
    current_sha256 text not null,         -- the PDF with every signature so far
    page_count integer not null,
    segments integer not null,
    characters integer not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    signed_at timestamptz,
    filed_at timestamptz,
    package_sha256 text,                  -- the dossier package (zip) once filed
    superseded_reason text,
    unique (hearing_id, attempt)
);
create unique index hearing_records_one_active on hearing_records(hearing_id) where state <> 'superseded';

-- Who must sign, in court order (position), and how far each one is.
create table record_signers (
    record_id uuid not null references hearing_records(id),
    position integer not null,
    field_name text not null,
    participant_id uuid not null references participants(id),
    role text not null,
    name text not null,
    staff_id uuid references staff(id),
    key_holder text not null check (key_holder in ('server', 'browser')),
    state text not null default 'pending' check (state in ('pending', 'signed', 'refused')),
    signed_at timestamptz,
    refusal_reason text,
    refusal_recorded_by text,
    refusal_stamped boolean not null default false,
    primary key (record_id, field_name),
    unique (record_id, position)
);

-- A signing invitation: the court's confirmation of a party's identity (who checked,
-- how) and the token (jti = id) that lets the party certify a browser key and sign
-- one field of one record.
create table signing_invitations (
    id uuid primary key,
    record_id uuid not null references hearing_records(id),
    field_name text not null,
    participant_id uuid not null references participants(id),
    identity_method text not null,
    issued_by uuid references staff(id),
    issued_by_name text not null,
    issued_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    nonce bytea,
    nonce_expires_at timestamptz,
    certificate_pem text,
    certified_at timestamptz
);
create index signing_invitations_record on signing_invitations(record_id);

-- A browser signature between its two requests (prepare, finish): the prepared PDF and
-- the signed attributes the browser signs. Expired rows are deleted.
create table pending_signatures (
    id uuid primary key,
    record_id uuid not null references hearing_records(id),
    field_name text not null,
    invitation_id uuid not null references signing_invitations(id),
    input_sha256 text not null,
    prepared text not null,               -- signing.pades.PreparedSignature.to_json()
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index pending_signatures_record on pending_signatures(record_id);

-- The electronic dossier: append-only entries, one hash chain per (case, volume). `body`
-- is exactly the chain entry (signing.chain) that the filed package's chain.json holds.
create table dossier_entries (
    id uuid primary key,
    case_id uuid not null references cases(id),
    volume text not null check (volume in ('main', 'secondary')),
    seq bigint not null,
    entry_id text not null,
    kind text not null,
    category text not null,
    title text not null,
    blob_sha256 text not null,
    size bigint not null,
    media_type text not null,
    hearing_id uuid references hearings(id),
    record_id uuid references hearing_records(id),
    created_by text not null,
    created_at timestamptz not null default now(),
    body jsonb not null,
    prev_hash text not null,
    hash text not null,
    unique (case_id, volume, seq)
);
create index dossier_entries_hearing on dossier_entries(hearing_id);

create table dossier_heads (
    case_id uuid not null references cases(id),
    volume text not null,
    seq bigint not null,
    hash text not null,
    primary key (case_id, volume)
);

create function dossier_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'dossier_entries is append-only';
end $$;
create trigger dossier_entries_no_update before update or delete on dossier_entries
    for each row execute function dossier_entries_append_only();

-- Packages to push to the external dossier system: kept until delivered, retried with
-- back-off, the same idempotency key on every attempt.
create table dossier_outbox (
    id uuid primary key,
    record_id uuid not null references hearing_records(id),
    url text not null,
    idempotency_key text not null unique,
    package_sha256 text not null,
    state text not null default 'pending' check (state in ('pending', 'delivered', 'rejected')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_status integer,
    last_error text,
    created_at timestamptz not null default now(),
    delivered_at timestamptz
);
create index dossier_outbox_due on dossier_outbox(next_attempt_at) where state = 'pending';
