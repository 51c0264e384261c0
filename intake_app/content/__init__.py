"""Intake content as data: YAML in resources/content/, validated with file:line errors."""
