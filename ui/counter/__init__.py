"""The counter (loket): a clerk calls, serves and moves queue tickets."""
