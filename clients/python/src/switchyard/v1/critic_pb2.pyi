from switchyard.v1 import common_pb2 as _common_pb2
from switchyard.v1 import executor_pb2 as _executor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

CRITIQUE_STATUS_FAILED: CritiqueStatus
CRITIQUE_STATUS_MALFORMED: CritiqueStatus
CRITIQUE_STATUS_OK: CritiqueStatus
CRITIQUE_STATUS_TIMED_OUT: CritiqueStatus
CRITIQUE_STATUS_UNSPECIFIED: CritiqueStatus
DESCRIPTOR: _descriptor.FileDescriptor
JUDGE_MODE_PICK: JudgeMode
JUDGE_MODE_RANK: JudgeMode
JUDGE_MODE_UNSPECIFIED: JudgeMode
VERDICT_ACCEPT: Verdict
VERDICT_REJECT: Verdict
VERDICT_REVISE: Verdict
VERDICT_UNSPECIFIED: Verdict

class Candidate(_message.Message):
    __slots__ = ["answer", "model"]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    answer: str
    model: str
    def __init__(self, model: _Optional[str] = ..., answer: _Optional[str] = ...) -> None: ...

class Critique(_message.Message):
    __slots__ = ["attempts", "confidence", "cost_nano_usd", "critic_model", "error_message", "issues", "latency_ms", "score", "status", "verdict"]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    CRITIC_MODEL_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    attempts: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attempt]
    confidence: float
    cost_nano_usd: int
    critic_model: str
    error_message: str
    issues: _containers.RepeatedScalarFieldContainer[str]
    latency_ms: float
    score: float
    status: CritiqueStatus
    verdict: Verdict
    def __init__(self, critic_model: _Optional[str] = ..., status: _Optional[_Union[CritiqueStatus, str]] = ..., score: _Optional[float] = ..., verdict: _Optional[_Union[Verdict, str]] = ..., issues: _Optional[_Iterable[str]] = ..., confidence: _Optional[float] = ..., error_message: _Optional[str] = ..., attempts: _Optional[_Iterable[_Union[_common_pb2.Attempt, _Mapping]]] = ..., cost_nano_usd: _Optional[int] = ..., latency_ms: _Optional[float] = ...) -> None: ...

class CritiqueRequest(_message.Message):
    __slots__ = ["answer", "answer_model", "context", "critics", "max_concurrency", "messages"]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    ANSWER_MODEL_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CRITICS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    answer: str
    answer_model: str
    context: _executor_pb2.AttemptContext
    critics: _containers.RepeatedScalarFieldContainer[str]
    max_concurrency: int
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    def __init__(self, messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., answer: _Optional[str] = ..., answer_model: _Optional[str] = ..., critics: _Optional[_Iterable[str]] = ..., max_concurrency: _Optional[int] = ..., context: _Optional[_Union[_executor_pb2.AttemptContext, _Mapping]] = ...) -> None: ...

class CritiqueResponse(_message.Message):
    __slots__ = ["aggregate_score", "consensus", "critiques", "failed", "succeeded", "total_cost_nano_usd"]
    AGGREGATE_SCORE_FIELD_NUMBER: _ClassVar[int]
    CONSENSUS_FIELD_NUMBER: _ClassVar[int]
    CRITIQUES_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    aggregate_score: float
    consensus: float
    critiques: _containers.RepeatedCompositeFieldContainer[Critique]
    failed: int
    succeeded: int
    total_cost_nano_usd: int
    def __init__(self, critiques: _Optional[_Iterable[_Union[Critique, _Mapping]]] = ..., aggregate_score: _Optional[float] = ..., consensus: _Optional[float] = ..., total_cost_nano_usd: _Optional[int] = ..., succeeded: _Optional[int] = ..., failed: _Optional[int] = ...) -> None: ...

class JudgeFallback(_message.Message):
    __slots__ = ["error_message", "judge_model", "status"]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    JUDGE_MODEL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    error_message: str
    judge_model: str
    status: CritiqueStatus
    def __init__(self, judge_model: _Optional[str] = ..., status: _Optional[_Union[CritiqueStatus, str]] = ..., error_message: _Optional[str] = ...) -> None: ...

class JudgeRequest(_message.Message):
    __slots__ = ["candidates", "context", "judges", "messages", "mode"]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    JUDGES_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[Candidate]
    context: _executor_pb2.AttemptContext
    judges: _containers.RepeatedScalarFieldContainer[str]
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    mode: JudgeMode
    def __init__(self, messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., candidates: _Optional[_Iterable[_Union[Candidate, _Mapping]]] = ..., judges: _Optional[_Iterable[str]] = ..., mode: _Optional[_Union[JudgeMode, str]] = ..., context: _Optional[_Union[_executor_pb2.AttemptContext, _Mapping]] = ...) -> None: ...

class JudgeResponse(_message.Message):
    __slots__ = ["attempts", "best_index", "cost_nano_usd", "fallbacks", "judge_model", "ranking", "rationale"]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    BEST_INDEX_FIELD_NUMBER: _ClassVar[int]
    COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    FALLBACKS_FIELD_NUMBER: _ClassVar[int]
    JUDGE_MODEL_FIELD_NUMBER: _ClassVar[int]
    RANKING_FIELD_NUMBER: _ClassVar[int]
    RATIONALE_FIELD_NUMBER: _ClassVar[int]
    attempts: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attempt]
    best_index: int
    cost_nano_usd: int
    fallbacks: _containers.RepeatedCompositeFieldContainer[JudgeFallback]
    judge_model: str
    ranking: _containers.RepeatedCompositeFieldContainer[RankedCandidate]
    rationale: str
    def __init__(self, best_index: _Optional[int] = ..., ranking: _Optional[_Iterable[_Union[RankedCandidate, _Mapping]]] = ..., rationale: _Optional[str] = ..., judge_model: _Optional[str] = ..., attempts: _Optional[_Iterable[_Union[_common_pb2.Attempt, _Mapping]]] = ..., cost_nano_usd: _Optional[int] = ..., fallbacks: _Optional[_Iterable[_Union[JudgeFallback, _Mapping]]] = ...) -> None: ...

class RankedCandidate(_message.Message):
    __slots__ = ["index", "model", "rank", "score"]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    index: int
    model: str
    rank: int
    score: float
    def __init__(self, index: _Optional[int] = ..., model: _Optional[str] = ..., score: _Optional[float] = ..., rank: _Optional[int] = ...) -> None: ...

class CritiqueStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Verdict(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class JudgeMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
