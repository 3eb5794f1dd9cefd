-- The administrator's pages (issue 14): the court's name, time zone and the settings that
-- are safe to change while the server runs live in the database, not only in start-up flags;
-- and a party's request for a correction (申请补正) reaches the clerk's record page.

-- `configured_name` is the name the server was started with (COURTROOM_COURT_NAME): it
-- finds the court row at every start. `name` is what records, certificates and the
-- broadcast show, and the administrator may change it.
alter table courts add column configured_name text;
update courts set configured_name = name;
alter table courts alter column configured_name set not null;
alter table courts add constraint courts_configured_name_key unique (configured_name);
-- Times are entered and shown in this zone whatever the browser's (IANA name).
alter table courts add column time_zone text not null default 'Asia/Shanghai';
-- Run-time settings the administrator changed (keys: web.admin.RUNTIME_SETTINGS).
alter table courts add column runtime_settings jsonb not null default '{}';

alter table staff add column updated_at timestamptz;

-- A party (or a staff signer) asks for the record to be corrected before signing.
create table correction_requests (
    id uuid primary key,
    record_id uuid not null references hearing_records(id),
    hearing_id uuid not null references hearings(id),
    participant_id uuid references participants(id),
    requester text not null,
    requester_role text not null,
    text text not null check (length(text) between 1 and 2000),
    created_at timestamptz not null default now(),
    resolved_at timestamptz,
    resolved_by uuid references staff(id),
    resolution text
);
create index correction_requests_hearing on correction_requests(hearing_id, created_at);
