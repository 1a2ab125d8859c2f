"""Passport MRZ (ICAO 9303 machine-readable zone) serial readers: parser, framers, driver, emulator."""
