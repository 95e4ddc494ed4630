"""Grading: read answers, compare with tolerance, diagnose mistakes, decide verdicts."""
