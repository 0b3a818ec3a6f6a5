"""Rasa SDK custom actions: thin adapters over bot/. The action server loads this package."""

from bot.logs import configure_logging

configure_logging()
