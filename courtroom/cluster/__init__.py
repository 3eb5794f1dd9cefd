"""Many hearings at once (issue 11): processes that coordinate through engines made for it.

- supervisor: child processes started, watched and restarted (embedded NATS, workers).
- natsd: the embedded nats-server with JetStream in the data directory.
- utterances: the JetStream work queue of utterances and the per-hearing results.
- asr_worker: the `courtroom asr-worker` process (Whisper fed from the work queue).

PostgreSQL is the system of record (models/workers.py: registry and placement);
NATS JetStream is the ASR work queue. Nothing here is a home-made queue or election.
"""
