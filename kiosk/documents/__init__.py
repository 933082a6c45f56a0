"""Documents staff print at the counter: the A4 proof of submission and the village letter."""
