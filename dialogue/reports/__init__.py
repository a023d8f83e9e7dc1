"""Briefing packs, periodic reports and the public progress report, generated from the store."""
