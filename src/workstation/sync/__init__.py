"""Offline-first sync with the central platform (no Qt).

Public API:
* `workstation.sync.client`: `enroll(db, url, code, station_code, ca_pem, ca_fingerprint=None)`,
  `SyncClient(db)` with `build_batches()`, `seal_batches()`, `send(due_only=, progress=)`,
  `downlink()`, `sync(progress=)`, `tick(was_reachable=)`, `reachable()`, `resolve_conflict()`,
  and `status(db) -> SyncStatus` (ledger rows with state, attempts, last error, next retry).
* `workstation.sync.freeze`: `evaluate(session)`, `guard` (the desk's freeze guard),
  `override(db, supervisor, reason=, hours=)`.
* `workstation.sync.transfer`: `export_batches(db, folder)`, `import_receipts(db, folder)`.
* `workstation.sync.envelope`: the `wsb/1` sealed-batch format (see central/PROTOCOL.md).
* `workstation.sync.cli`: `add_arguments(parser)`, `run(args)` for `workstation sync`.
"""
