from google.protobuf import struct_pb2 as _struct_pb2
from switchyard.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

BREAKER_STATE_CLOSED: BreakerState
BREAKER_STATE_HALF_OPEN: BreakerState
BREAKER_STATE_OPEN: BreakerState
BREAKER_STATE_UNSPECIFIED: BreakerState
DESCRIPTOR: _descriptor.FileDescriptor

class AttemptContext(_message.Message):
    __slots__ = ["api_key_id", "request_id", "reservation_id", "strategy", "tags", "task_type"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    API_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    api_key_id: str
    request_id: str
    reservation_id: str
    strategy: str
    tags: _containers.ScalarMap[str, str]
    task_type: str
    def __init__(self, request_id: _Optional[str] = ..., api_key_id: _Optional[str] = ..., strategy: _Optional[str] = ..., task_type: _Optional[str] = ..., reservation_id: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class BreakerRecord(_message.Message):
    __slots__ = ["open_until_ms", "probe_deadline_ms", "probe_owner", "reason", "state"]
    OPEN_UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    PROBE_DEADLINE_MS_FIELD_NUMBER: _ClassVar[int]
    PROBE_OWNER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    open_until_ms: int
    probe_deadline_ms: int
    probe_owner: str
    reason: str
    state: BreakerState
    def __init__(self, state: _Optional[_Union[BreakerState, str]] = ..., open_until_ms: _Optional[int] = ..., reason: _Optional[str] = ..., probe_owner: _Optional[str] = ..., probe_deadline_ms: _Optional[int] = ...) -> None: ...

class ConcurrencyHolding(_message.Message):
    __slots__ = ["expires_at_ms", "instance", "slots", "waiting"]
    EXPIRES_AT_MS_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_FIELD_NUMBER: _ClassVar[int]
    SLOTS_FIELD_NUMBER: _ClassVar[int]
    WAITING_FIELD_NUMBER: _ClassVar[int]
    expires_at_ms: int
    instance: str
    slots: int
    waiting: int
    def __init__(self, instance: _Optional[str] = ..., slots: _Optional[int] = ..., expires_at_ms: _Optional[int] = ..., waiting: _Optional[int] = ...) -> None: ...

class ConcurrencyRecord(_message.Message):
    __slots__ = ["holdings"]
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    holdings: _containers.RepeatedCompositeFieldContainer[ConcurrencyHolding]
    def __init__(self, holdings: _Optional[_Iterable[_Union[ConcurrencyHolding, _Mapping]]] = ...) -> None: ...

class GenerateDelta(_message.Message):
    __slots__ = ["text", "tool_call"]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALL_FIELD_NUMBER: _ClassVar[int]
    text: str
    tool_call: _common_pb2.ToolCallDelta
    def __init__(self, text: _Optional[str] = ..., tool_call: _Optional[_Union[_common_pb2.ToolCallDelta, _Mapping]] = ...) -> None: ...

class GenerateRequest(_message.Message):
    __slots__ = ["context", "max_attempts", "messages", "model", "params", "provider_options"]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    context: AttemptContext
    max_attempts: int
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    model: str
    params: _common_pb2.GenerationParams
    provider_options: _struct_pb2.Struct
    def __init__(self, model: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., params: _Optional[_Union[_common_pb2.GenerationParams, _Mapping]] = ..., context: _Optional[_Union[AttemptContext, _Mapping]] = ..., provider_options: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., max_attempts: _Optional[int] = ...) -> None: ...

class GenerateResponse(_message.Message):
    __slots__ = ["attempts", "cost_nano_usd", "finish_reason", "latency_ms", "mean_logprob", "model", "provider", "provider_model", "simulated", "text", "time_to_first_token_ms", "tool_calls", "usage"]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    FINISH_REASON_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    MEAN_LOGPROB_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_MODEL_FIELD_NUMBER: _ClassVar[int]
    SIMULATED_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TIME_TO_FIRST_TOKEN_MS_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALLS_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    attempts: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attempt]
    cost_nano_usd: int
    finish_reason: _common_pb2.FinishReason
    latency_ms: float
    mean_logprob: float
    model: str
    provider: str
    provider_model: str
    simulated: bool
    text: str
    time_to_first_token_ms: float
    tool_calls: _containers.RepeatedCompositeFieldContainer[_common_pb2.ToolCall]
    usage: _common_pb2.Usage
    def __init__(self, text: _Optional[str] = ..., model: _Optional[str] = ..., provider: _Optional[str] = ..., provider_model: _Optional[str] = ..., usage: _Optional[_Union[_common_pb2.Usage, _Mapping]] = ..., finish_reason: _Optional[_Union[_common_pb2.FinishReason, str]] = ..., cost_nano_usd: _Optional[int] = ..., latency_ms: _Optional[float] = ..., time_to_first_token_ms: _Optional[float] = ..., attempts: _Optional[_Iterable[_Union[_common_pb2.Attempt, _Mapping]]] = ..., mean_logprob: _Optional[float] = ..., simulated: bool = ..., tool_calls: _Optional[_Iterable[_Union[_common_pb2.ToolCall, _Mapping]]] = ...) -> None: ...

class ListModelsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListModelsResponse(_message.Message):
    __slots__ = ["models"]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedCompositeFieldContainer[ModelState]
    def __init__(self, models: _Optional[_Iterable[_Union[ModelState, _Mapping]]] = ...) -> None: ...

class ModelPrice(_message.Message):
    __slots__ = ["cache_write_nano_usd_per_mtok", "cached_input_nano_usd_per_mtok", "catalog_id", "input_nano_usd_per_mtok", "output_nano_usd_per_mtok", "source"]
    CACHED_INPUT_NANO_USD_PER_MTOK_FIELD_NUMBER: _ClassVar[int]
    CACHE_WRITE_NANO_USD_PER_MTOK_FIELD_NUMBER: _ClassVar[int]
    CATALOG_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_NANO_USD_PER_MTOK_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_NANO_USD_PER_MTOK_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    cache_write_nano_usd_per_mtok: int
    cached_input_nano_usd_per_mtok: int
    catalog_id: str
    input_nano_usd_per_mtok: int
    output_nano_usd_per_mtok: int
    source: str
    def __init__(self, input_nano_usd_per_mtok: _Optional[int] = ..., cached_input_nano_usd_per_mtok: _Optional[int] = ..., output_nano_usd_per_mtok: _Optional[int] = ..., source: _Optional[str] = ..., cache_write_nano_usd_per_mtok: _Optional[int] = ..., catalog_id: _Optional[str] = ...) -> None: ...

class ModelState(_message.Message):
    __slots__ = ["breaker_open_until_ms", "breaker_state", "context_window", "in_flight", "max_concurrency", "model", "price", "provider", "provider_model", "queued", "recent_error_rate", "recent_latency_p50_ms", "remaining_requests", "remaining_tokens", "requests_per_minute", "simulated", "tokenizer", "tokens_per_minute", "unavailable", "unavailable_reason"]
    BREAKER_OPEN_UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    BREAKER_STATE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_WINDOW_FIELD_NUMBER: _ClassVar[int]
    IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_MODEL_FIELD_NUMBER: _ClassVar[int]
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    RECENT_ERROR_RATE_FIELD_NUMBER: _ClassVar[int]
    RECENT_LATENCY_P50_MS_FIELD_NUMBER: _ClassVar[int]
    REMAINING_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    REMAINING_TOKENS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_PER_MINUTE_FIELD_NUMBER: _ClassVar[int]
    SIMULATED_FIELD_NUMBER: _ClassVar[int]
    TOKENIZER_FIELD_NUMBER: _ClassVar[int]
    TOKENS_PER_MINUTE_FIELD_NUMBER: _ClassVar[int]
    UNAVAILABLE_FIELD_NUMBER: _ClassVar[int]
    UNAVAILABLE_REASON_FIELD_NUMBER: _ClassVar[int]
    breaker_open_until_ms: int
    breaker_state: BreakerState
    context_window: int
    in_flight: int
    max_concurrency: int
    model: str
    price: ModelPrice
    provider: str
    provider_model: str
    queued: int
    recent_error_rate: float
    recent_latency_p50_ms: float
    remaining_requests: int
    remaining_tokens: int
    requests_per_minute: int
    simulated: bool
    tokenizer: str
    tokens_per_minute: int
    unavailable: bool
    unavailable_reason: str
    def __init__(self, model: _Optional[str] = ..., provider: _Optional[str] = ..., provider_model: _Optional[str] = ..., simulated: bool = ..., breaker_state: _Optional[_Union[BreakerState, str]] = ..., remaining_requests: _Optional[int] = ..., remaining_tokens: _Optional[int] = ..., in_flight: _Optional[int] = ..., queued: _Optional[int] = ..., recent_latency_p50_ms: _Optional[float] = ..., recent_error_rate: _Optional[float] = ..., price: _Optional[_Union[ModelPrice, _Mapping]] = ..., context_window: _Optional[int] = ..., tokenizer: _Optional[str] = ..., requests_per_minute: _Optional[int] = ..., tokens_per_minute: _Optional[int] = ..., max_concurrency: _Optional[int] = ..., breaker_open_until_ms: _Optional[int] = ..., unavailable: bool = ..., unavailable_reason: _Optional[str] = ...) -> None: ...

class ProviderOutcomeRecord(_message.Message):
    __slots__ = ["failures", "instance", "model", "successes"]
    FAILURES_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    SUCCESSES_FIELD_NUMBER: _ClassVar[int]
    failures: int
    instance: str
    model: str
    successes: int
    def __init__(self, model: _Optional[str] = ..., instance: _Optional[str] = ..., successes: _Optional[int] = ..., failures: _Optional[int] = ...) -> None: ...

class RateBucketRecord(_message.Message):
    __slots__ = ["requests", "tokens", "updated_at_ms"]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    requests: float
    tokens: float
    updated_at_ms: int
    def __init__(self, requests: _Optional[float] = ..., tokens: _Optional[float] = ..., updated_at_ms: _Optional[int] = ...) -> None: ...

class StreamGenerateResponse(_message.Message):
    __slots__ = ["completed", "delta"]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    completed: GenerateResponse
    delta: GenerateDelta
    def __init__(self, delta: _Optional[_Union[GenerateDelta, _Mapping]] = ..., completed: _Optional[_Union[GenerateResponse, _Mapping]] = ...) -> None: ...

class BreakerState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
