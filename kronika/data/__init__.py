"""Data files that describe the world (lexicons, registries, maps): no code here."""
