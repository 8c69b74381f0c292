from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ModelReportRequest(_message.Message):
    __slots__ = ["end", "models", "start", "task_type", "tenant"]
    END_FIELD_NUMBER: _ClassVar[int]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    models: _containers.RepeatedScalarFieldContainer[str]
    start: _timestamp_pb2.Timestamp
    task_type: str
    tenant: str
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., tenant: _Optional[str] = ..., models: _Optional[_Iterable[str]] = ..., task_type: _Optional[str] = ...) -> None: ...

class ModelReportResponse(_message.Message):
    __slots__ = ["end", "rows", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    rows: _containers.RepeatedCompositeFieldContainer[ModelReportRow]
    start: _timestamp_pb2.Timestamp
    def __init__(self, rows: _Optional[_Iterable[_Union[ModelReportRow, _Mapping]]] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ModelReportRow(_message.Message):
    __slots__ = ["attempts", "cost_nano_usd", "cost_per_success_nano_usd", "input_tokens", "latency_p50_ms", "latency_p95_ms", "model", "output_tokens", "provider", "quality", "quality_observations", "requests", "success_rate", "ttft_p50_ms", "ttft_p95_ms", "utilisation"]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    COST_PER_SUCCESS_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_P50_MS_FIELD_NUMBER: _ClassVar[int]
    LATENCY_P95_MS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    QUALITY_OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_RATE_FIELD_NUMBER: _ClassVar[int]
    TTFT_P50_MS_FIELD_NUMBER: _ClassVar[int]
    TTFT_P95_MS_FIELD_NUMBER: _ClassVar[int]
    UTILISATION_FIELD_NUMBER: _ClassVar[int]
    attempts: int
    cost_nano_usd: int
    cost_per_success_nano_usd: int
    input_tokens: int
    latency_p50_ms: float
    latency_p95_ms: float
    model: str
    output_tokens: int
    provider: str
    quality: float
    quality_observations: int
    requests: int
    success_rate: float
    ttft_p50_ms: float
    ttft_p95_ms: float
    utilisation: float
    def __init__(self, model: _Optional[str] = ..., provider: _Optional[str] = ..., requests: _Optional[int] = ..., attempts: _Optional[int] = ..., success_rate: _Optional[float] = ..., latency_p50_ms: _Optional[float] = ..., latency_p95_ms: _Optional[float] = ..., ttft_p50_ms: _Optional[float] = ..., ttft_p95_ms: _Optional[float] = ..., quality: _Optional[float] = ..., quality_observations: _Optional[int] = ..., cost_nano_usd: _Optional[int] = ..., cost_per_success_nano_usd: _Optional[int] = ..., utilisation: _Optional[float] = ..., input_tokens: _Optional[int] = ..., output_tokens: _Optional[int] = ...) -> None: ...

class Recommendation(_message.Message):
    __slots__ = ["evidence", "model", "reason", "task_type"]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    evidence: _containers.RepeatedCompositeFieldContainer[ModelReportRow]
    model: str
    reason: str
    task_type: str
    def __init__(self, task_type: _Optional[str] = ..., model: _Optional[str] = ..., evidence: _Optional[_Iterable[_Union[ModelReportRow, _Mapping]]] = ..., reason: _Optional[str] = ...) -> None: ...

class RecommendationsRequest(_message.Message):
    __slots__ = ["end", "min_observations", "min_quality", "start", "tenant"]
    END_FIELD_NUMBER: _ClassVar[int]
    MIN_OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    MIN_QUALITY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    min_observations: int
    min_quality: float
    start: _timestamp_pb2.Timestamp
    tenant: str
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., tenant: _Optional[str] = ..., min_quality: _Optional[float] = ..., min_observations: _Optional[int] = ...) -> None: ...

class RecommendationsResponse(_message.Message):
    __slots__ = ["min_quality", "recommendations"]
    MIN_QUALITY_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    min_quality: float
    recommendations: _containers.RepeatedCompositeFieldContainer[Recommendation]
    def __init__(self, recommendations: _Optional[_Iterable[_Union[Recommendation, _Mapping]]] = ..., min_quality: _Optional[float] = ...) -> None: ...
