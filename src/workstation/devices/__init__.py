"""Serial devices: transport, protocol framers, drivers, emulators, device manager. No Qt here."""
