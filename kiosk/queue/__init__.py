"""The queue: services, daily numbering, priority, ticket states."""
