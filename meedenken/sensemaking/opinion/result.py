"""Configuration and result types of the opinion analysis (frozen dataclasses)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import numpy as np

from meedenken.sensemaking.opinion.consensus import ConsensusStatement
from meedenken.sensemaking.opinion.repness import RepresentativeStatement


@dataclass(frozen=True)
class OpinionConfig:
    """Parameters of `analyse_votes`; defaults follow Pol.is where Pol.is has one."""

    seed: int = 0
    min_votes_to_cluster: int = 7  # Pol.is: clustered once voted on min(7, #statements)
    greedy_cluster_n: int = 15  # Pol.is: the most active voters fill up to this many
    # The clustering defaults were chosen by leave-one-conversation-out over 19 Pol.is
    # conversations (docs/benchmarks.md, third round): red-dwarf's one-level clustering, with
    # every other voter placed. Pol.is's two levels: base_clusters=True, base_max_iter=100.
    place_rest: bool = True  # also place the other voters, each in its nearest group's
    # False: no base level, groups by k-means on the participants themselves (red-dwarf 0.4.0)
    base_clusters: bool = False
    base_k: int = 100  # base clusters (with base_clusters)
    max_groups: int = 5  # groups: k in 2..min(max_groups, 2 + n_base // 12)
    k_margin: float = 0.0  # fewest groups whose silhouette is this close to the best
    weighted_silhouette: bool = True  # k by the participants' silhouette, not the base centers'
    n_init: int = 10  # k-means restarts (base and group level)
    base_sample_size: int = 20_000  # base k-means fits on a sample above this many people
    base_n_init: int = 1  # base k-means restarts (Pol.is: one, warm-started between updates)
    base_max_iter: int = 10  # base k-means iterations per fit
    group_max_iter: int = 300  # group k-means iterations per start (red-dwarf: up to 300)
    bridging: bool = True
    bridging_l2: float = 0.03
    bridging_sweeps: int = 30  # at most; stops when intercepts move less than bridging_tol
    bridging_tol: float = 1e-3
    support_threshold: float = 0.5  # "broad": the worst-off group's lower bound reaches this
    support_min_votes: int = 5  # a group counts for a statement from this many votes
    support_min_groups: int = 2  # and at least this many groups must count
    support_prior_votes: float = 10.0  # shrinkage toward the overall rate, in pseudo-votes
    support_weighting: Literal["equal", "size"] = "equal"  # groups in the mean across groups
    min_votes_to_rank: int = 10  # statements with fewer votes get no support or bridging rank


@dataclass(frozen=True)
class OpinionGroup:
    id: int
    size: int
    center: tuple[float, float]
    representative: tuple[RepresentativeStatement, ...]


@dataclass(frozen=True)
class GroupSupport:
    """Agreement with one statement in one support group (declared, or opinion group)."""

    group: str
    votes: int
    agrees: int
    rate: float
    lower: float  # Wilson 95% interval of the raw rate
    upper: float
    estimate: float = float("nan")  # shrunk toward the overall rate (graded measure)
    estimate_lower: float = float("nan")  # its 95% posterior interval
    estimate_upper: float = float("nan")
    counted: bool = False  # has enough votes to count in the graded measure


@dataclass(frozen=True)
class SupportScore:
    """The graded broad-support measure of one statement, on the participants at `level` or
    above ("open" = everyone). See `meedenken.sensemaking.opinion.graded`."""

    level: str
    participants: int  # participants at this level or above with a support group
    votes: int  # their votes on the statement
    groups_counted: int
    score: float | None  # the worst-off counted group's shrunk agreement
    lower: float | None
    upper: float | None
    mean: float | None  # mean over counted groups (weighting in the config)
    mean_lower: float | None
    mean_upper: float | None
    flag: Literal["broad", "divided", "low", "uncertain"] | None


NO_SCORE = SupportScore("open", 0, 0, 0, None, None, None, None, None, None, None)


@dataclass(frozen=True)
class StatementResult:
    id: Any
    agree: int  # latest vote per participant
    disagree: int
    passes: int
    moderated_out: bool
    consensus: float | None  # group-aware consensus (product of groups' agree rates)
    overall_consensus: Literal["agree", "disagree"] | None  # among Pol.is's consensus picks
    bridging: float | None  # statement intercept of the bridging model
    bridging_factor: float | None
    broadly_supported: bool
    min_support: float | None  # lowest agree rate over declared groups with enough votes
    min_support_lower: float | None
    support: tuple[GroupSupport, ...]
    priority: float
    extremity: float
    projection: tuple[float, float]
    support_score: SupportScore = NO_SCORE  # graded measure over everyone
    support_by_level: tuple[SupportScore, ...] = ()  # per participation level present
    support_rank: int | None = None  # by support_score.score; None below min_votes_to_rank
    bridging_lower: float | None = None  # 95% interval of the bridging score
    bridging_upper: float | None = None
    bridging_ratings: int = 0  # agree/disagree votes the bridging score rests on
    bridging_rank: int | None = None  # by bridging_lower; None below min_votes_to_rank


@dataclass(frozen=True, eq=False)
class OpinionResult:
    """Everything `analyse_votes` found. Per-participant values are numpy arrays aligned with
    `participant_ids` (a million participants stay cheap); use `group_of` for one id."""

    participant_ids: tuple[Any, ...]
    participant_group: np.ndarray  # int64, -1 = not clustered
    participant_projection: np.ndarray  # (n, 2) float64, the opinion map
    groups: tuple[OpinionGroup, ...]
    statements: tuple[StatementResult, ...]
    consensus_agree: tuple[ConsensusStatement, ...]
    consensus_disagree: tuple[ConsensusStatement, ...]
    support_groups: tuple[str, ...]  # declared groups, or opinion groups when none declared
    support_groups_declared: bool
    silhouettes: Mapping[int, float]
    n_votes: int
    timings: Mapping[str, float]
    config: OpinionConfig
    participation_levels: tuple[tuple[str, int], ...] = ()  # (level, participants at or above)
    # Of the participants with a group, those placed by `place_rest` (nearest group centre,
    # not clustered on their own votes); None when read from a document that predates it.
    n_placed: int | None = None

    @cached_property
    def _participant_index(self) -> dict[Any, int]:
        return {pid: i for i, pid in enumerate(self.participant_ids)}

    @cached_property
    def _statement_index(self) -> dict[Any, int]:
        return {s.id: j for j, s in enumerate(self.statements)}

    def group_of(self, participant_id: Any) -> int | None:
        i = self._participant_index.get(participant_id)
        if i is None or self.participant_group[i] < 0:
            return None
        return int(self.participant_group[i])

    def statement(self, statement_id: Any) -> StatementResult:
        return self.statements[self._statement_index[statement_id]]

    @cached_property
    def statement_priorities(self) -> tuple[tuple[Any, ...], np.ndarray, np.ndarray]:
        """(ids, priorities, moderated-out mask), kept for repeated next-statement picks."""
        ids = tuple(s.id for s in self.statements)
        priorities = np.array([s.priority for s in self.statements], dtype=np.float64)
        moderated = np.array([s.moderated_out for s in self.statements], dtype=bool)
        return ids, priorities, moderated

    def statement_index(self, statement_id: Any) -> int | None:
        return self._statement_index.get(statement_id)

    @property
    def n_clustered(self) -> int:
        return int(np.count_nonzero(self.participant_group >= 0))

    def to_json(self, statement_text: Mapping[Any, str] | None = None) -> dict[str, Any]:
        """The versioned JSON form (schema "meedenken.opinion/2", docs/opinion-output.md) as a
        JSON-ready dict; `statement_text` (id -> text) adds each statement's text."""
        from meedenken.sensemaking.opinion.schema import result_to_json

        return result_to_json(self, statement_text)

    @classmethod
    def from_json(cls, document: Mapping[str, Any] | str | bytes) -> OpinionResult:
        """Parse `to_json()` output (a dict or JSON text); raises `OpinionSchemaError` when the
        document is not a result of a schema version this code reads."""
        from meedenken.sensemaking.opinion.schema import result_from_json

        return result_from_json(document)
