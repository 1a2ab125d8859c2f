"""Offline-first sync with the central platform (no Qt).

Public API:
* `workstation.sync.client`: `enroll(db, url, code, station_code, ca_pem, ca_fingerprint=None)`,
  `SyncClient(db)` with `build_batches()`, `seal_batches()`, `send(due_only=, progress=)`,
  `downlink()`, `sync(progress=)`, `tick(was_reachable=)`, `reachable()`,
  `platform_record(type, id)` (the platform's copy, for a conflict), and `status(db) -> SyncStatus`
  (ledger rows with state, attempts, last error, next retry; what waits, from `storage.outbox.backlog`).
* `workstation.sync.conflicts`: `desk.conflicts` — open conflicts, both versions side by side, decisions
  (`resolve`: the one way to decide a conflict; the decided state carries the changes held behind it).
* `workstation.sync.freeze`: `evaluate(session)`, `guard` (the desk's freeze guard),
  `override(db, supervisor, reason=, hours=)`, `outlook(session)` (how near the limits: warnings at
  `WARN_AT`).
* `workstation.sync.transfer`: `export_batches(db, folder, progress=, actor=)`,
  `import_receipts(db, folder, progress=, actor=)`, `receipts_in(folder)`.
* `workstation.sync.envelope`: the `wsb/1` sealed-batch format (see central/PROTOCOL.md).
* the `workstation sync` console command is `workstation.cli.sync`.
"""
