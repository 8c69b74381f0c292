from switchyard.v1 import common_pb2 as _common_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from switchyard.v1 import critic_pb2 as _critic_pb2
from switchyard.v1 import routing_decision_pb2 as _routing_decision_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
ENSEMBLE_MODE_JUDGE: EnsembleMode
ENSEMBLE_MODE_SYNTHESIZE: EnsembleMode
ENSEMBLE_MODE_UNSPECIFIED: EnsembleMode

class AutoStrategy(_message.Message):
    __slots__ = ["candidates", "min_quality", "tier"]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    MIN_QUALITY_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedScalarFieldContainer[str]
    min_quality: float
    tier: str
    def __init__(self, min_quality: _Optional[float] = ..., candidates: _Optional[_Iterable[str]] = ..., tier: _Optional[str] = ...) -> None: ...

class BatchItemError(_message.Message):
    __slots__ = ["code", "message"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class CacheOptions(_message.Message):
    __slots__ = ["allow_sampled", "enabled", "ttl_seconds"]
    ALLOW_SAMPLED_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    allow_sampled: bool
    enabled: bool
    ttl_seconds: int
    def __init__(self, enabled: bool = ..., ttl_seconds: _Optional[int] = ..., allow_sampled: bool = ...) -> None: ...

class CascadeStrategy(_message.Message):
    __slots__ = ["candidates", "chain", "chain_name", "critics", "threshold"]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    CHAIN_FIELD_NUMBER: _ClassVar[int]
    CHAIN_NAME_FIELD_NUMBER: _ClassVar[int]
    CRITICS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedScalarFieldContainer[str]
    chain: _containers.RepeatedScalarFieldContainer[str]
    chain_name: str
    critics: _containers.RepeatedScalarFieldContainer[str]
    threshold: float
    def __init__(self, chain: _Optional[_Iterable[str]] = ..., threshold: _Optional[float] = ..., critics: _Optional[_Iterable[str]] = ..., candidates: _Optional[_Iterable[str]] = ..., chain_name: _Optional[str] = ...) -> None: ...

class CheapestStrategy(_message.Message):
    __slots__ = ["candidates", "min_quality", "tier"]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    MIN_QUALITY_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedScalarFieldContainer[str]
    min_quality: float
    tier: str
    def __init__(self, min_quality: _Optional[float] = ..., candidates: _Optional[_Iterable[str]] = ..., tier: _Optional[str] = ...) -> None: ...

class CompleteBatchRequest(_message.Message):
    __slots__ = ["items", "max_concurrency"]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CompleteRequest]
    max_concurrency: int
    def __init__(self, items: _Optional[_Iterable[_Union[CompleteRequest, _Mapping]]] = ..., max_concurrency: _Optional[int] = ...) -> None: ...

class CompleteBatchResponse(_message.Message):
    __slots__ = ["error", "index", "response"]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    error: BatchItemError
    index: int
    response: CompleteResponse
    def __init__(self, index: _Optional[int] = ..., response: _Optional[_Union[CompleteResponse, _Mapping]] = ..., error: _Optional[_Union[BatchItemError, _Mapping]] = ...) -> None: ...

class CompleteRequest(_message.Message):
    __slots__ = ["cache", "idempotency_key", "max_cost_nano_usd", "messages", "min_quality", "params", "provider_options", "shadow_rate", "split", "strategy", "tags", "task_type"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CACHE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MAX_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MIN_QUALITY_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SHADOW_RATE_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    cache: CacheOptions
    idempotency_key: str
    max_cost_nano_usd: int
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    min_quality: float
    params: _common_pb2.GenerationParams
    provider_options: _struct_pb2.Struct
    shadow_rate: float
    split: SplitOptions
    strategy: Strategy
    tags: _containers.ScalarMap[str, str]
    task_type: str
    def __init__(self, messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., strategy: _Optional[_Union[Strategy, _Mapping]] = ..., params: _Optional[_Union[_common_pb2.GenerationParams, _Mapping]] = ..., min_quality: _Optional[float] = ..., max_cost_nano_usd: _Optional[int] = ..., idempotency_key: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ..., provider_options: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., cache: _Optional[_Union[CacheOptions, _Mapping]] = ..., task_type: _Optional[str] = ..., split: _Optional[_Union[SplitOptions, _Mapping]] = ..., shadow_rate: _Optional[float] = ...) -> None: ...

class CompleteResponse(_message.Message):
    __slots__ = ["answer", "attempts", "cache_hit", "candidates", "complexity", "confidence", "critiques", "finish_reason", "latency_ms", "model", "provider", "request_id", "routing_decision", "selector_version", "simulated", "strategy", "task_type", "tool_calls", "total_cost_nano_usd", "trace_id", "usage"]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    CACHE_HIT_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    COMPLEXITY_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    CRITIQUES_FIELD_NUMBER: _ClassVar[int]
    FINISH_REASON_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTING_DECISION_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_VERSION_FIELD_NUMBER: _ClassVar[int]
    SIMULATED_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALLS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    answer: str
    attempts: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attempt]
    cache_hit: bool
    candidates: _containers.RepeatedCompositeFieldContainer[EnsembleCandidate]
    complexity: float
    confidence: float
    critiques: _containers.RepeatedCompositeFieldContainer[_critic_pb2.Critique]
    finish_reason: _common_pb2.FinishReason
    latency_ms: float
    model: str
    provider: str
    request_id: str
    routing_decision: _routing_decision_pb2.RoutingDecision
    selector_version: str
    simulated: bool
    strategy: str
    task_type: str
    tool_calls: _containers.RepeatedCompositeFieldContainer[_common_pb2.ToolCall]
    total_cost_nano_usd: int
    trace_id: str
    usage: _common_pb2.Usage
    def __init__(self, answer: _Optional[str] = ..., model: _Optional[str] = ..., provider: _Optional[str] = ..., strategy: _Optional[str] = ..., attempts: _Optional[_Iterable[_Union[_common_pb2.Attempt, _Mapping]]] = ..., critiques: _Optional[_Iterable[_Union[_critic_pb2.Critique, _Mapping]]] = ..., candidates: _Optional[_Iterable[_Union[EnsembleCandidate, _Mapping]]] = ..., total_cost_nano_usd: _Optional[int] = ..., confidence: _Optional[float] = ..., trace_id: _Optional[str] = ..., request_id: _Optional[str] = ..., usage: _Optional[_Union[_common_pb2.Usage, _Mapping]] = ..., finish_reason: _Optional[_Union[_common_pb2.FinishReason, str]] = ..., latency_ms: _Optional[float] = ..., task_type: _Optional[str] = ..., selector_version: _Optional[str] = ..., simulated: bool = ..., tool_calls: _Optional[_Iterable[_Union[_common_pb2.ToolCall, _Mapping]]] = ..., routing_decision: _Optional[_Union[_routing_decision_pb2.RoutingDecision, _Mapping]] = ..., complexity: _Optional[float] = ..., cache_hit: bool = ...) -> None: ...

class CritiqueStrategy(_message.Message):
    __slots__ = ["critics", "max_concurrency", "primary"]
    CRITICS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_FIELD_NUMBER: _ClassVar[int]
    critics: _containers.RepeatedScalarFieldContainer[str]
    max_concurrency: int
    primary: str
    def __init__(self, primary: _Optional[str] = ..., critics: _Optional[_Iterable[str]] = ..., max_concurrency: _Optional[int] = ...) -> None: ...

class EnsembleCandidate(_message.Message):
    __slots__ = ["answer", "attempt_id", "model", "score", "selected"]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SELECTED_FIELD_NUMBER: _ClassVar[int]
    answer: str
    attempt_id: str
    model: str
    score: float
    selected: bool
    def __init__(self, model: _Optional[str] = ..., answer: _Optional[str] = ..., score: _Optional[float] = ..., selected: bool = ..., attempt_id: _Optional[str] = ...) -> None: ...

class EnsembleStrategy(_message.Message):
    __slots__ = ["aggregator", "max_concurrency", "mode", "models"]
    AGGREGATOR_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    aggregator: str
    max_concurrency: int
    mode: EnsembleMode
    models: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, models: _Optional[_Iterable[str]] = ..., mode: _Optional[_Union[EnsembleMode, str]] = ..., aggregator: _Optional[str] = ..., max_concurrency: _Optional[int] = ...) -> None: ...

class PinnedStrategy(_message.Message):
    __slots__ = ["model"]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    model: str
    def __init__(self, model: _Optional[str] = ...) -> None: ...

class RouterServiceFeedbackRequest(_message.Message):
    __slots__ = ["comment", "quality", "request_id", "thumbs_up"]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    GLOBAL_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    THUMBS_UP_FIELD_NUMBER: _ClassVar[int]
    comment: str
    quality: float
    request_id: str
    thumbs_up: bool
    def __init__(self, request_id: _Optional[str] = ..., quality: _Optional[float] = ..., thumbs_up: bool = ..., comment: _Optional[str] = ..., **kwargs) -> None: ...

class RouterServiceFeedbackResponse(_message.Message):
    __slots__ = ["duplicate", "model"]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    duplicate: bool
    model: str
    def __init__(self, duplicate: bool = ..., model: _Optional[str] = ...) -> None: ...

class SplitOptions(_message.Message):
    __slots__ = ["chunk_tokens", "enabled", "overlap_tokens"]
    CHUNK_TOKENS_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    OVERLAP_TOKENS_FIELD_NUMBER: _ClassVar[int]
    chunk_tokens: int
    enabled: bool
    overlap_tokens: int
    def __init__(self, enabled: bool = ..., chunk_tokens: _Optional[int] = ..., overlap_tokens: _Optional[int] = ...) -> None: ...

class Strategy(_message.Message):
    __slots__ = ["auto", "cascade", "cheapest", "critique", "ensemble", "pinned"]
    AUTO_FIELD_NUMBER: _ClassVar[int]
    CASCADE_FIELD_NUMBER: _ClassVar[int]
    CHEAPEST_FIELD_NUMBER: _ClassVar[int]
    CRITIQUE_FIELD_NUMBER: _ClassVar[int]
    ENSEMBLE_FIELD_NUMBER: _ClassVar[int]
    PINNED_FIELD_NUMBER: _ClassVar[int]
    auto: AutoStrategy
    cascade: CascadeStrategy
    cheapest: CheapestStrategy
    critique: CritiqueStrategy
    ensemble: EnsembleStrategy
    pinned: PinnedStrategy
    def __init__(self, pinned: _Optional[_Union[PinnedStrategy, _Mapping]] = ..., cheapest: _Optional[_Union[CheapestStrategy, _Mapping]] = ..., cascade: _Optional[_Union[CascadeStrategy, _Mapping]] = ..., ensemble: _Optional[_Union[EnsembleStrategy, _Mapping]] = ..., critique: _Optional[_Union[CritiqueStrategy, _Mapping]] = ..., auto: _Optional[_Union[AutoStrategy, _Mapping]] = ...) -> None: ...

class StreamCompleteResponse(_message.Message):
    __slots__ = ["completed", "delta", "start"]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    completed: CompleteResponse
    delta: StreamDelta
    start: StreamStart
    def __init__(self, start: _Optional[_Union[StreamStart, _Mapping]] = ..., delta: _Optional[_Union[StreamDelta, _Mapping]] = ..., completed: _Optional[_Union[CompleteResponse, _Mapping]] = ...) -> None: ...

class StreamDelta(_message.Message):
    __slots__ = ["text", "tool_call"]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALL_FIELD_NUMBER: _ClassVar[int]
    text: str
    tool_call: _common_pb2.ToolCallDelta
    def __init__(self, text: _Optional[str] = ..., tool_call: _Optional[_Union[_common_pb2.ToolCallDelta, _Mapping]] = ...) -> None: ...

class StreamStart(_message.Message):
    __slots__ = ["model", "provider", "request_id", "simulated", "trace_id"]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SIMULATED_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    model: str
    provider: str
    request_id: str
    simulated: bool
    trace_id: str
    def __init__(self, model: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., simulated: bool = ...) -> None: ...

class EnsembleMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
