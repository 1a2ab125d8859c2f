"""Screens of the desk: the registration desk and the residents page (more in parts 2 and 3)."""
