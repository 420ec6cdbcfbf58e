"""The REST routes, one small router per noun, all under ``/api``."""
