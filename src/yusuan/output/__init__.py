"""Output of parsed disclosures: JSON (the contract) and a readable text summary."""
