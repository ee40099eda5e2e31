"""The analyzers: spaCy pipeline components registered with ``@Language.factory``.

Importing this package registers the factories ``toolkit_matcher``,
``toolkit_context``, ``toolkit_dimension``, ``toolkit_coder`` and ``toolkit_learned``.
"""

from . import coder, context, dimension, learned, matcher  # noqa: F401
