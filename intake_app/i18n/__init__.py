"""Translation and formatting: gettext catalogs per language, Babel for numbers and dates."""
