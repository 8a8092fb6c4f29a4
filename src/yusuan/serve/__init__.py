"""The web application (网页应用): FastAPI, server-rendered Chinese pages, a REST API under /api."""
