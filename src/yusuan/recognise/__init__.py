"""Recognition: tables by meaning, columns by header, narrative statements."""
