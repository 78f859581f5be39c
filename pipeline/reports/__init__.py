"""Reports: the agencies' quarterly KPI reports, score cards, and the evaluating office's summary with charts."""
