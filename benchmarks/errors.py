"""The one exception a suite raises for a problem in its inputs: the runner prints its message, no traceback."""


class SuiteError(Exception):
    """A suite could not run on the inputs it was given (a missing text, a changed file, a wrong path)."""
