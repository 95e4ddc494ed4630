"""Authoring tools: `judge check` proves a problem right; `judge new` scaffolds one."""
