"""The views: one module per view, registered by name in ui/view_host.py (VIEWS)."""
