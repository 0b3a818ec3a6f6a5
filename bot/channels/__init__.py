"""Rasa input channels (the only bot/ modules that import Rasa)."""
