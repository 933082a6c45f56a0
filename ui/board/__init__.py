"""The waiting-room board (`ui.role = "display"`): who is called where, shown and spoken."""
