"""China 2nd-generation resident ID card readers (SAM_V serial protocol): framer, decoder, driver, emulator."""
