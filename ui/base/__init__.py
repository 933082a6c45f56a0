"""What every screen is built from: the Screen base, labels, buttons and the stack."""
