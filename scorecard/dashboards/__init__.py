"""The monitoring pages: the home page, each unit's dashboard, the cascade,
objective alignment and the bottleneck view."""
