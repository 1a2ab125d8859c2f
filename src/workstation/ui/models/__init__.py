"""Qt item models of the desk's tables (lazy over the core's pages)."""
