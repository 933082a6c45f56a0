"""The central service of a district: enrolment, sealed applications, the signed catalogue."""
