"""Batch runs (批量处理): parse and check many disclosures in parallel, locally or on a Dask cluster."""
