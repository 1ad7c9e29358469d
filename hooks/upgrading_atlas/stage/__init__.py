"""Stage: the generated pages, fragments, data files and redirects of the site, written as source."""
