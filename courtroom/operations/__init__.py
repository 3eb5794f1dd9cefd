"""Running the server for a court: readiness (health), Prometheus metrics, structured logs,
backup and restore."""
