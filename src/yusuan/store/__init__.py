"""Storage (存储): disclosures, their originals, findings and figures in a SQL database.

SQLite by default (one file, no setup), PostgreSQL with a `postgresql://` URL. The schema is
`schema.py`; `migrations/` holds its Alembic history and `database.open_database` applies it.
"""
