"""PySide6 views, widgets and controllers. The only package (with app.py) that imports Qt."""
