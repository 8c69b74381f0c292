from google.protobuf import timestamp_pb2 as _timestamp_pb2
from switchyard.v1 import common_pb2 as _common_pb2
from switchyard.v1 import routing_decision_pb2 as _routing_decision_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BudgetAlert(_message.Message):
    __slots__ = ["alert_id", "budget_id", "limit_nano_usd", "occurred_at", "period_start", "spent_nano_usd", "tenant", "threshold"]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    SPENT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    budget_id: str
    limit_nano_usd: int
    occurred_at: _timestamp_pb2.Timestamp
    period_start: _timestamp_pb2.Timestamp
    spent_nano_usd: int
    tenant: str
    threshold: float
    def __init__(self, alert_id: _Optional[str] = ..., tenant: _Optional[str] = ..., budget_id: _Optional[str] = ..., threshold: _Optional[float] = ..., spent_nano_usd: _Optional[int] = ..., limit_nano_usd: _Optional[int] = ..., period_start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., occurred_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CostEvent(_message.Message):
    __slots__ = ["api_key_id", "attempt_number", "billed", "cache_hit", "cost_nano_usd", "error_code", "event_id", "latency_ms", "model", "occurred_at", "outcome", "provider", "provider_model", "quality", "quality_source", "request_id", "reservation_id", "routing_decision", "saved_nano_usd", "simulated", "strategy", "tags", "task_type", "tenant", "time_to_first_token_ms", "traceparent", "usage"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    API_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    BILLED_FIELD_NUMBER: _ClassVar[int]
    CACHE_HIT_FIELD_NUMBER: _ClassVar[int]
    COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_MODEL_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    QUALITY_SOURCE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    ROUTING_DECISION_FIELD_NUMBER: _ClassVar[int]
    SAVED_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    SIMULATED_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    TIME_TO_FIRST_TOKEN_MS_FIELD_NUMBER: _ClassVar[int]
    TRACEPARENT_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    api_key_id: str
    attempt_number: int
    billed: bool
    cache_hit: bool
    cost_nano_usd: int
    error_code: str
    event_id: str
    latency_ms: float
    model: str
    occurred_at: _timestamp_pb2.Timestamp
    outcome: _common_pb2.AttemptOutcome
    provider: str
    provider_model: str
    quality: float
    quality_source: str
    request_id: str
    reservation_id: str
    routing_decision: _routing_decision_pb2.RoutingDecision
    saved_nano_usd: int
    simulated: bool
    strategy: str
    tags: _containers.ScalarMap[str, str]
    task_type: str
    tenant: str
    time_to_first_token_ms: float
    traceparent: str
    usage: _common_pb2.Usage
    def __init__(self, event_id: _Optional[str] = ..., request_id: _Optional[str] = ..., tenant: _Optional[str] = ..., api_key_id: _Optional[str] = ..., model: _Optional[str] = ..., provider: _Optional[str] = ..., provider_model: _Optional[str] = ..., strategy: _Optional[str] = ..., task_type: _Optional[str] = ..., usage: _Optional[_Union[_common_pb2.Usage, _Mapping]] = ..., cost_nano_usd: _Optional[int] = ..., outcome: _Optional[_Union[_common_pb2.AttemptOutcome, str]] = ..., error_code: _Optional[str] = ..., billed: bool = ..., occurred_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., latency_ms: _Optional[float] = ..., reservation_id: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ..., simulated: bool = ..., attempt_number: _Optional[int] = ..., cache_hit: bool = ..., saved_nano_usd: _Optional[int] = ..., time_to_first_token_ms: _Optional[float] = ..., quality: _Optional[float] = ..., quality_source: _Optional[str] = ..., routing_decision: _Optional[_Union[_routing_decision_pb2.RoutingDecision, _Mapping]] = ..., traceparent: _Optional[str] = ...) -> None: ...
