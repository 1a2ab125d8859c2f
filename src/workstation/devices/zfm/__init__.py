"""ZhianTec / Synochip optical fingerprint modules (ZFM-20/60, R30x, R503, AS608): framer, driver, emulator."""
