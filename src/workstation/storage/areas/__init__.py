"""The area services behind the desk facade (`workstation.wiring.Desk`).

One module per area: `residents` (and documents), `housing` (properties, rooms, bindings,
declarations, spot checks), `tasks`, `biometrics`, `supervision` (audit reads, reports, export).
They share the record life cycle, `Changes` and `Page` of `base`.
"""

from workstation.storage.areas.base import UNSET, AreaContext, Change, Changes, Kind, Page, Unset

__all__ = ["UNSET", "AreaContext", "Change", "Changes", "Kind", "Page", "Unset"]
