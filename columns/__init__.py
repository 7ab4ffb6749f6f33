"""The advice-column app: letters, answers, their workflow and the public archive."""
