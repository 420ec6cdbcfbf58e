"""The web UI of ``kronika serve``: server-rendered pages (Jinja2, autoescaped) with small
vanilla scripts and styles shipped as package data; nothing is loaded from another host."""
