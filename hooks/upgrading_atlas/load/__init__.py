"""Load: annotation files read safely into typed records, with the position of every value."""

from .records import Loaded, LoadResult, Source, annotation_files, load_annotations, load_file
from .yaml_source import ParsedYaml, Position, YamlProblem, parse_yaml

__all__ = ["LoadResult", "Loaded", "ParsedYaml", "Position", "Source", "YamlProblem", "annotation_files",
           "load_annotations", "load_file", "parse_yaml"]
