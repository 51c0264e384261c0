"""intake_app: a trust-first, multilingual intake for Dutch debt counselling."""

__version__ = "0.1.0"
