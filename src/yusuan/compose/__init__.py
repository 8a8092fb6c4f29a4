"""Budget data in (the officer's workbook, YAML or JSON), checked, ready to render."""
