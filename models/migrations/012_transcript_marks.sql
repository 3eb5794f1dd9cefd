-- What the recogniser was unsure of, kept with each segment for the clerk (issue 16):
-- `corrections`, every automatic replacement in the text ({start, end, original,
-- corrected, why}, offsets in the segment's text), and `doubtful`, the words Whisper
-- wrote with a low probability ({start, end, word, p}). A closed session stores both
-- sealed under the case key, as its text. A clerk's edit of the text clears them: they
-- referred to the old text. The signed record (PDF) carries neither.
alter table transcript_segments add column corrections jsonb not null default '[]';
alter table transcript_segments add column doubtful jsonb not null default '[]';
