"""Staff screens: signing in with a staff number or a badge, always with a PIN; the staff
menu. Import the modules themselves (this package imports nothing, to keep start-up quick)."""
