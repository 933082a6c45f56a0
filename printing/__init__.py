"""Documents: device-neutral ticket and receipt layouts, PDFs."""
