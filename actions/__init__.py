"""Rasa SDK custom actions: thin adapters over bot/. The action server loads this package."""
