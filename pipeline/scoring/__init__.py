"""The scoring stage: the fiscal year's rules applied to an agency's records, every point explained."""
