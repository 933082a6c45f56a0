"""ESC/POS: named protocol bytes, the encoder, printer profiles and status."""
