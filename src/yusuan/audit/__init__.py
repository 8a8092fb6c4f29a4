"""Audit: rules over the parsed model that find contradictions, arithmetic errors, wrong
classifications and omissions (核查规则)."""
