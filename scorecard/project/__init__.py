"""The project itself: settings, URLs, the WSGI entry point, and what every
request passes through (middleware, logging in, static files)."""
