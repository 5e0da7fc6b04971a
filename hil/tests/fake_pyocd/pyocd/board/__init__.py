"""Stand-in package (see pyocd_standin.py)."""
