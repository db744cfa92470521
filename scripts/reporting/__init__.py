"""Reading mineralsim results files and turning them into an HTML report (scripts/report.py,
scripts/drivers.py).

Importing the package checks that the packages every script needs are installed, and ends the
program with a message saying so if they are not; `figures` checks matplotlib the same way, so
that a script that draws nothing does not need it.
"""

import sys
from pathlib import Path


def exit_for_missing_package(exc: ImportError) -> None:
    """Ends the program: a package of scripts/requirements.txt is not installed."""
    sys.exit(f"{Path(sys.argv[0]).name}: error: {exc}; install the packages in "
             "scripts/requirements.txt")


try:
    import h5py
    import numpy
except ImportError as exc:  # pragma: no cover - depends on the environment
    exit_for_missing_package(exc)

# Imported above only to check that they are installed; each module imports what it uses.
del h5py, numpy
