"""Police-room workstation: residents and rental-housing registration for community police rooms."""

__version__ = "0.1.0"
