"""Stored Hub page text to tidy tables (data/activities.csv, comments.csv, questions.csv).
Imports only the table layer and the common helpers."""
