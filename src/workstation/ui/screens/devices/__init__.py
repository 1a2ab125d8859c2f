"""Part 3 of the desktop app: the Devices page (`DevicesPage(ctx, item)`, nav key ``devices``)."""

from workstation.ui.screens.devices.page import DevicesPage

__all__ = ["DevicesPage"]
