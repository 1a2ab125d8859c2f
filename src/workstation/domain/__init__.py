"""Pure-Python domain: value types, validation, permissions. Imports neither Qt nor the database."""
