"""Rasa SDK custom actions: thin adapters over bot/ (built in the conversation issue)."""
