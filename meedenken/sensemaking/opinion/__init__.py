"""Votes on statements -> opinion groups, representative statements, consensus, bridging and
broad support across declared stakeholder groups (Pol.is-compatible). No Django imports.

Entry points: `analyse_votes` (records in, `OpinionResult` out), `next_statement` (comment
priority), `read_polis_export` / `write_polis_export`, and the `meedenken analyse-votes` CLI.
The JSON contract (`OpinionResult.to_json` / `from_json`, schema `SCHEMA`) is documented in
docs/opinion-output.md.
"""

from meedenken.sensemaking.opinion.pipeline import analyse_votes, next_statement
from meedenken.sensemaking.opinion.polis_io import (
    PolisFormatError,
    read_polis_export,
    write_polis_export,
)
from meedenken.sensemaking.opinion.result import (
    GroupSupport,
    OpinionConfig,
    OpinionGroup,
    OpinionResult,
    StatementResult,
)
from meedenken.sensemaking.opinion.schema import SCHEMA, OpinionSchemaError
from meedenken.sensemaking.opinion.votes import VoteMatrix, VoteRecords, build_vote_matrix

__all__ = [
    "SCHEMA",
    "GroupSupport",
    "OpinionConfig",
    "OpinionGroup",
    "OpinionResult",
    "OpinionSchemaError",
    "PolisFormatError",
    "StatementResult",
    "VoteMatrix",
    "VoteRecords",
    "analyse_votes",
    "build_vote_matrix",
    "next_statement",
    "read_polis_export",
    "write_polis_export",
]
