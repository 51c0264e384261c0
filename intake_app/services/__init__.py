"""The small API that the ui and the cli use. Returns DTOs, never ORM objects."""
