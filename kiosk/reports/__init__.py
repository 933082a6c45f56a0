"""The day's report: tickets, lokets, hours, waits and applications of one office day."""
