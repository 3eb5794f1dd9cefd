-- What the clerk takes from a case's filings (起诉状, 答辩状) for the live transcript (issue 16):
-- the case's key words, the things and acts the dispute is about (鸭苗, 可视门铃), which Whisper
-- gets as hotwords and the correction as terms of the case, as it does the parties' names; and
-- each natural person's sex, so the record writes 他 or 她 for them from the register rather than
-- guessing it from the given name.
alter table cases add column key_terms text[] not null default '{}';
alter table case_parties add column sex text check (sex in ('female', 'male'));
