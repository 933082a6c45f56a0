"""Service definitions as data: fields, rules, requirements; loaded and checked at start."""
