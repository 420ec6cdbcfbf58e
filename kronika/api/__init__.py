"""The REST API of ``kronika serve`` (FastAPI): ``create_app(db_path, token, private)``."""

from kronika.api.app import create_app

__all__ = ["create_app"]
