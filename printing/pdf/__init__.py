"""A4 PDFs with reportlab: the proof of submission and the village letters."""
