"""The service definitions shipped with the kiosk: data files, one per service."""
