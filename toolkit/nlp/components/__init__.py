"""The analyzers: spaCy pipeline components registered with ``@Language.factory``.

Importing this package registers the factories ``toolkit_matcher``,
``toolkit_context``, ``toolkit_dimension`` and ``toolkit_coder``.
"""

from . import coder, context, dimension, matcher  # noqa: F401
