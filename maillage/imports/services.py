"""One call for an import from another tool, shared by the staff page and the command line."""

from .applying import Options, apply_dataset
from .formats import read_file
from .mapping import parse_mapping


def import_file(
    fmt, data, filename, *, source, mapping_text="", taxonomy=None, default_type="", department="", dry_run, user=None
):
    """Read a file of `fmt` and import it; returns the directory's ImportReport."""
    dataset = read_file(fmt, data, filename, taxonomy=taxonomy)
    mapping, errors = parse_mapping(mapping_text)
    dataset.errors.extend(errors)
    options = Options(
        source=source, mapping=mapping, default_type=default_type, department=department, dry_run=dry_run, user=user
    )
    return apply_dataset(dataset, options, filename)
