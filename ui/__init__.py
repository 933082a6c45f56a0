"""PySide6 screens for the touch kiosk (imported only by the composition root)."""
