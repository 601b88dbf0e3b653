"""Validation machinery, kept apart from what runs for a person: synthetic journals from the
simulator and from an independent story grammar, baselines, scores, the toy model and the
benchmark's report (docs/inference.md, "How it was validated")."""
