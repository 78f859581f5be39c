"""The web application: the office's and the clerks' pages over the same library."""
