"""The headless core: everything here runs and is tested without Qt."""
