"""The emulated ESC/POS printer: decoder, rendering, ticket files, the model, its port and pty."""
