"""Learned coding over the rule layer: a sentence encoder, per-label text classifiers and gate-and-combine models."""
