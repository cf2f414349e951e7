"""Files in, typed records out: read TOML, sanitise, validate, report with positions; write atomically."""
