"""Domain model: pure Python, standard library only (design.md section 3)."""
