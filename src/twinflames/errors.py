"""The one exception type for bad input."""


class InputError(ValueError):
    """Raised for any invalid input: the message names the field, the value and what is allowed.

    The command line prints the message as one line on stderr and exits with code 2.
    """
