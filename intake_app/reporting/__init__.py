"""PDF documents with ReportLab. Imported lazily: ReportLab costs start-up time."""
