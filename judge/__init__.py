"""gradjudge's judge: problems, grading, verdicts and the `judge` command line.

Everything a student or an author writes runs through `sandbox`; this package only loads
problems, builds jobs, and decides verdicts from the plain numbers that come back.
"""
