"""Part 3 of the desktop app, first slice: the Sync page and the end-of-shift check.

`SyncPage(ctx)` replaces the Sync placeholder; `offer_end_of_shift(window, ctx, proceed)` is the
logout/quit hook (see `end_of_shift`)."""

from workstation.ui.screens.sync.end_of_shift import EndOfShiftDialog, offer_end_of_shift
from workstation.ui.screens.sync.page import SyncPage

__all__ = ["EndOfShiftDialog", "SyncPage", "offer_end_of_shift"]
