from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AnswerCheck(_message.Message):
    __slots__ = ["detail", "kind", "model", "passed", "score"]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    detail: str
    kind: str
    model: str
    passed: bool
    score: float
    def __init__(self, model: _Optional[str] = ..., kind: _Optional[str] = ..., score: _Optional[float] = ..., passed: bool = ..., detail: _Optional[str] = ...) -> None: ...

class CandidateAssessment(_message.Message):
    __slots__ = ["called", "confidence", "expected_cost_nano_usd", "model", "predicted_quality", "source"]
    CALLED_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PREDICTED_QUALITY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    called: bool
    confidence: float
    expected_cost_nano_usd: int
    model: str
    predicted_quality: float
    source: str
    def __init__(self, model: _Optional[str] = ..., predicted_quality: _Optional[float] = ..., confidence: _Optional[float] = ..., expected_cost_nano_usd: _Optional[int] = ..., source: _Optional[str] = ..., called: bool = ...) -> None: ...

class RoutingDecision(_message.Message):
    __slots__ = ["baseline_cost_nano_usd", "baseline_model", "candidates", "checks", "chosen_model", "split", "stop_reason"]
    BASELINE_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    BASELINE_MODEL_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    CHOSEN_MODEL_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    STOP_REASON_FIELD_NUMBER: _ClassVar[int]
    baseline_cost_nano_usd: int
    baseline_model: str
    candidates: _containers.RepeatedCompositeFieldContainer[CandidateAssessment]
    checks: _containers.RepeatedCompositeFieldContainer[AnswerCheck]
    chosen_model: str
    split: SplitDecision
    stop_reason: str
    def __init__(self, candidates: _Optional[_Iterable[_Union[CandidateAssessment, _Mapping]]] = ..., baseline_model: _Optional[str] = ..., baseline_cost_nano_usd: _Optional[int] = ..., checks: _Optional[_Iterable[_Union[AnswerCheck, _Mapping]]] = ..., stop_reason: _Optional[str] = ..., chosen_model: _Optional[str] = ..., split: _Optional[_Union[SplitDecision, _Mapping]] = ...) -> None: ...

class SplitDecision(_message.Message):
    __slots__ = ["chunk_tokens", "chunks", "overlap_tokens"]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    CHUNK_TOKENS_FIELD_NUMBER: _ClassVar[int]
    OVERLAP_TOKENS_FIELD_NUMBER: _ClassVar[int]
    chunk_tokens: int
    chunks: int
    overlap_tokens: int
    def __init__(self, chunks: _Optional[int] = ..., chunk_tokens: _Optional[int] = ..., overlap_tokens: _Optional[int] = ...) -> None: ...
