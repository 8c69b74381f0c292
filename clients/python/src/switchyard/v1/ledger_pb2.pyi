from google.protobuf import timestamp_pb2 as _timestamp_pb2
from switchyard.v1 import cost_event_pb2 as _cost_event_pb2
from switchyard.v1 import model_report_pb2 as _model_report_pb2
from switchyard.v1 import routing_decision_pb2 as _routing_decision_pb2
from switchyard.v1 import webhook_pb2 as _webhook_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

BUDGET_PERIOD_DAILY: BudgetPeriod
BUDGET_PERIOD_MONTHLY: BudgetPeriod
BUDGET_PERIOD_TOTAL: BudgetPeriod
BUDGET_PERIOD_UNSPECIFIED: BudgetPeriod
BUDGET_PERIOD_WEEKLY: BudgetPeriod
BUDGET_SCOPE_API_KEY: BudgetScope
BUDGET_SCOPE_PROJECT: BudgetScope
BUDGET_SCOPE_TASK_TYPE: BudgetScope
BUDGET_SCOPE_TENANT: BudgetScope
BUDGET_SCOPE_UNSPECIFIED: BudgetScope
DESCRIPTOR: _descriptor.FileDescriptor
REPORT_DIMENSION_API_KEY: ReportDimension
REPORT_DIMENSION_DAY: ReportDimension
REPORT_DIMENSION_MODEL: ReportDimension
REPORT_DIMENSION_PROJECT: ReportDimension
REPORT_DIMENSION_PROVIDER: ReportDimension
REPORT_DIMENSION_STRATEGY: ReportDimension
REPORT_DIMENSION_TAG: ReportDimension
REPORT_DIMENSION_TASK_TYPE: ReportDimension
REPORT_DIMENSION_TENANT: ReportDimension
REPORT_DIMENSION_UNSPECIFIED: ReportDimension

class AcquireLeaseRequest(_message.Message):
    __slots__ = ["amount_nano_usd", "api_key_id", "holder_id", "min_nano_usd", "project", "task_type", "tenant", "ttl_seconds"]
    AMOUNT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    API_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    amount_nano_usd: int
    api_key_id: str
    holder_id: str
    min_nano_usd: int
    project: str
    task_type: str
    tenant: str
    ttl_seconds: int
    def __init__(self, tenant: _Optional[str] = ..., api_key_id: _Optional[str] = ..., project: _Optional[str] = ..., holder_id: _Optional[str] = ..., amount_nano_usd: _Optional[int] = ..., min_nano_usd: _Optional[int] = ..., ttl_seconds: _Optional[int] = ..., task_type: _Optional[str] = ...) -> None: ...

class AcquireLeaseResponse(_message.Message):
    __slots__ = ["lease"]
    LEASE_FIELD_NUMBER: _ClassVar[int]
    lease: Lease
    def __init__(self, lease: _Optional[_Union[Lease, _Mapping]] = ...) -> None: ...

class Budget(_message.Message):
    __slots__ = ["alert_thresholds", "limit_nano_usd", "limit_tokens", "per_request_cap_nano_usd", "period", "scope", "scope_id", "tenant", "time_zone"]
    ALERT_THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    LIMIT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PER_REQUEST_CAP_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    alert_thresholds: _containers.RepeatedScalarFieldContainer[float]
    limit_nano_usd: int
    limit_tokens: int
    per_request_cap_nano_usd: int
    period: BudgetPeriod
    scope: BudgetScope
    scope_id: str
    tenant: str
    time_zone: str
    def __init__(self, tenant: _Optional[str] = ..., scope: _Optional[_Union[BudgetScope, str]] = ..., scope_id: _Optional[str] = ..., limit_nano_usd: _Optional[int] = ..., limit_tokens: _Optional[int] = ..., period: _Optional[_Union[BudgetPeriod, str]] = ..., time_zone: _Optional[str] = ..., per_request_cap_nano_usd: _Optional[int] = ..., alert_thresholds: _Optional[_Iterable[float]] = ...) -> None: ...

class BudgetExceeded(_message.Message):
    __slots__ = ["budget_id", "limit_nano_usd", "reason", "remaining_nano_usd", "requested_nano_usd", "resets_at"]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REMAINING_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    RESETS_AT_FIELD_NUMBER: _ClassVar[int]
    budget_id: str
    limit_nano_usd: int
    reason: str
    remaining_nano_usd: int
    requested_nano_usd: int
    resets_at: _timestamp_pb2.Timestamp
    def __init__(self, budget_id: _Optional[str] = ..., limit_nano_usd: _Optional[int] = ..., remaining_nano_usd: _Optional[int] = ..., requested_nano_usd: _Optional[int] = ..., resets_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class BudgetStatus(_message.Message):
    __slots__ = ["budget", "budget_id", "period_start", "remaining_nano_usd", "reserved_nano_usd", "resets_at", "spent_nano_usd", "tokens_used"]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    REMAINING_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    RESERVED_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    RESETS_AT_FIELD_NUMBER: _ClassVar[int]
    SPENT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    TOKENS_USED_FIELD_NUMBER: _ClassVar[int]
    budget: Budget
    budget_id: str
    period_start: _timestamp_pb2.Timestamp
    remaining_nano_usd: int
    reserved_nano_usd: int
    resets_at: _timestamp_pb2.Timestamp
    spent_nano_usd: int
    tokens_used: int
    def __init__(self, budget: _Optional[_Union[Budget, _Mapping]] = ..., budget_id: _Optional[str] = ..., spent_nano_usd: _Optional[int] = ..., reserved_nano_usd: _Optional[int] = ..., remaining_nano_usd: _Optional[int] = ..., tokens_used: _Optional[int] = ..., period_start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., resets_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExportEventsRequest(_message.Message):
    __slots__ = ["end", "start", "tenant"]
    END_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    start: _timestamp_pb2.Timestamp
    tenant: str
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., tenant: _Optional[str] = ...) -> None: ...

class ExportEventsResponse(_message.Message):
    __slots__ = ["event"]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: _cost_event_pb2.CostEvent
    def __init__(self, event: _Optional[_Union[_cost_event_pb2.CostEvent, _Mapping]] = ...) -> None: ...

class GetBudgetRequest(_message.Message):
    __slots__ = ["tenant"]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class GetBudgetResponse(_message.Message):
    __slots__ = ["budgets"]
    BUDGETS_FIELD_NUMBER: _ClassVar[int]
    budgets: _containers.RepeatedCompositeFieldContainer[BudgetStatus]
    def __init__(self, budgets: _Optional[_Iterable[_Union[BudgetStatus, _Mapping]]] = ...) -> None: ...

class Lease(_message.Message):
    __slots__ = ["amount_nano_usd", "budgets", "expires_at", "lease_id", "remaining_nano_usd", "settled_nano_usd"]
    AMOUNT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    BUDGETS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    LEASE_ID_FIELD_NUMBER: _ClassVar[int]
    REMAINING_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    SETTLED_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    amount_nano_usd: int
    budgets: _containers.RepeatedCompositeFieldContainer[BudgetStatus]
    expires_at: _timestamp_pb2.Timestamp
    lease_id: str
    remaining_nano_usd: int
    settled_nano_usd: int
    def __init__(self, lease_id: _Optional[str] = ..., amount_nano_usd: _Optional[int] = ..., settled_nano_usd: _Optional[int] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., remaining_nano_usd: _Optional[int] = ..., budgets: _Optional[_Iterable[_Union[BudgetStatus, _Mapping]]] = ...) -> None: ...

class ListAlertsRequest(_message.Message):
    __slots__ = ["limit", "since", "tenant"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    limit: int
    since: _timestamp_pb2.Timestamp
    tenant: str
    def __init__(self, tenant: _Optional[str] = ..., since: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class ListAlertsResponse(_message.Message):
    __slots__ = ["alerts"]
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[_cost_event_pb2.BudgetAlert]
    def __init__(self, alerts: _Optional[_Iterable[_Union[_cost_event_pb2.BudgetAlert, _Mapping]]] = ...) -> None: ...

class LookupRequestRequest(_message.Message):
    __slots__ = ["request_id"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    def __init__(self, request_id: _Optional[str] = ...) -> None: ...

class LookupRequestResponse(_message.Message):
    __slots__ = ["answering_model", "models", "routing_decision", "task_type", "tenant"]
    ANSWERING_MODEL_FIELD_NUMBER: _ClassVar[int]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    ROUTING_DECISION_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    answering_model: str
    models: _containers.RepeatedScalarFieldContainer[str]
    routing_decision: _routing_decision_pb2.RoutingDecision
    task_type: str
    tenant: str
    def __init__(self, tenant: _Optional[str] = ..., models: _Optional[_Iterable[str]] = ..., answering_model: _Optional[str] = ..., routing_decision: _Optional[_Union[_routing_decision_pb2.RoutingDecision, _Mapping]] = ..., task_type: _Optional[str] = ...) -> None: ...

class ReleaseRequest(_message.Message):
    __slots__ = ["incurred_cost_nano_usd", "incurred_tokens", "request_id", "reservation_id"]
    INCURRED_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    INCURRED_TOKENS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    incurred_cost_nano_usd: int
    incurred_tokens: int
    request_id: str
    reservation_id: str
    def __init__(self, reservation_id: _Optional[str] = ..., request_id: _Optional[str] = ..., incurred_cost_nano_usd: _Optional[int] = ..., incurred_tokens: _Optional[int] = ...) -> None: ...

class ReleaseResponse(_message.Message):
    __slots__ = ["released"]
    RELEASED_FIELD_NUMBER: _ClassVar[int]
    released: bool
    def __init__(self, released: bool = ...) -> None: ...

class RenewLeaseRequest(_message.Message):
    __slots__ = ["amount_nano_usd", "incurred_cost_nano_usd", "incurred_tokens", "lease_id", "ttl_seconds"]
    AMOUNT_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    INCURRED_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    INCURRED_TOKENS_FIELD_NUMBER: _ClassVar[int]
    LEASE_ID_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    amount_nano_usd: int
    incurred_cost_nano_usd: int
    incurred_tokens: int
    lease_id: str
    ttl_seconds: int
    def __init__(self, lease_id: _Optional[str] = ..., amount_nano_usd: _Optional[int] = ..., incurred_cost_nano_usd: _Optional[int] = ..., incurred_tokens: _Optional[int] = ..., ttl_seconds: _Optional[int] = ...) -> None: ...

class RenewLeaseResponse(_message.Message):
    __slots__ = ["lease"]
    LEASE_FIELD_NUMBER: _ClassVar[int]
    lease: Lease
    def __init__(self, lease: _Optional[_Union[Lease, _Mapping]] = ...) -> None: ...

class ReportRequest(_message.Message):
    __slots__ = ["baseline_model", "end", "group_by", "start", "tag_key", "tenant"]
    BASELINE_MODEL_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    TAG_KEY_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    baseline_model: str
    end: _timestamp_pb2.Timestamp
    group_by: _containers.RepeatedScalarFieldContainer[ReportDimension]
    start: _timestamp_pb2.Timestamp
    tag_key: str
    tenant: str
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., group_by: _Optional[_Iterable[_Union[ReportDimension, str]]] = ..., tenant: _Optional[str] = ..., baseline_model: _Optional[str] = ..., tag_key: _Optional[str] = ...) -> None: ...

class ReportResponse(_message.Message):
    __slots__ = ["baseline_model", "rows", "total"]
    BASELINE_MODEL_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    baseline_model: str
    rows: _containers.RepeatedCompositeFieldContainer[ReportRow]
    total: ReportRow
    def __init__(self, rows: _Optional[_Iterable[_Union[ReportRow, _Mapping]]] = ..., total: _Optional[_Union[ReportRow, _Mapping]] = ..., baseline_model: _Optional[str] = ...) -> None: ...

class ReportRow(_message.Message):
    __slots__ = ["attempts", "baseline_cost_nano_usd", "cache_hits", "cache_savings_nano_usd", "cost_nano_usd", "errors", "group", "input_tokens", "output_tokens", "requests", "savings_nano_usd", "shadow_cost_nano_usd", "shadow_quality", "shadow_quality_observations", "shadow_requests", "shadow_savings_nano_usd", "total_tokens"]
    class GroupEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    BASELINE_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    CACHE_HITS_FIELD_NUMBER: _ClassVar[int]
    CACHE_SAVINGS_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    SAVINGS_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    SHADOW_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    SHADOW_QUALITY_FIELD_NUMBER: _ClassVar[int]
    SHADOW_QUALITY_OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    SHADOW_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    SHADOW_SAVINGS_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TOKENS_FIELD_NUMBER: _ClassVar[int]
    attempts: int
    baseline_cost_nano_usd: int
    cache_hits: int
    cache_savings_nano_usd: int
    cost_nano_usd: int
    errors: int
    group: _containers.ScalarMap[str, str]
    input_tokens: int
    output_tokens: int
    requests: int
    savings_nano_usd: int
    shadow_cost_nano_usd: int
    shadow_quality: float
    shadow_quality_observations: int
    shadow_requests: int
    shadow_savings_nano_usd: int
    total_tokens: int
    def __init__(self, group: _Optional[_Mapping[str, str]] = ..., cost_nano_usd: _Optional[int] = ..., input_tokens: _Optional[int] = ..., output_tokens: _Optional[int] = ..., total_tokens: _Optional[int] = ..., requests: _Optional[int] = ..., attempts: _Optional[int] = ..., errors: _Optional[int] = ..., baseline_cost_nano_usd: _Optional[int] = ..., savings_nano_usd: _Optional[int] = ..., cache_hits: _Optional[int] = ..., cache_savings_nano_usd: _Optional[int] = ..., shadow_requests: _Optional[int] = ..., shadow_cost_nano_usd: _Optional[int] = ..., shadow_quality: _Optional[float] = ..., shadow_quality_observations: _Optional[int] = ..., shadow_savings_nano_usd: _Optional[int] = ...) -> None: ...

class ReserveRequest(_message.Message):
    __slots__ = ["api_key_id", "estimated_max_cost_nano_usd", "estimated_tokens", "project", "request_id", "task_type", "tenant", "ttl_seconds"]
    API_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_MAX_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    api_key_id: str
    estimated_max_cost_nano_usd: int
    estimated_tokens: int
    project: str
    request_id: str
    task_type: str
    tenant: str
    ttl_seconds: int
    def __init__(self, tenant: _Optional[str] = ..., api_key_id: _Optional[str] = ..., project: _Optional[str] = ..., estimated_max_cost_nano_usd: _Optional[int] = ..., estimated_tokens: _Optional[int] = ..., request_id: _Optional[str] = ..., ttl_seconds: _Optional[int] = ..., task_type: _Optional[str] = ...) -> None: ...

class ReserveResponse(_message.Message):
    __slots__ = ["budgets", "expires_at", "reservation_id", "reserved_nano_usd"]
    BUDGETS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    RESERVED_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    budgets: _containers.RepeatedCompositeFieldContainer[BudgetStatus]
    expires_at: _timestamp_pb2.Timestamp
    reservation_id: str
    reserved_nano_usd: int
    def __init__(self, reservation_id: _Optional[str] = ..., reserved_nano_usd: _Optional[int] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., budgets: _Optional[_Iterable[_Union[BudgetStatus, _Mapping]]] = ...) -> None: ...

class ReturnLeaseRequest(_message.Message):
    __slots__ = ["incurred_cost_nano_usd", "incurred_tokens", "lease_id"]
    INCURRED_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    INCURRED_TOKENS_FIELD_NUMBER: _ClassVar[int]
    LEASE_ID_FIELD_NUMBER: _ClassVar[int]
    incurred_cost_nano_usd: int
    incurred_tokens: int
    lease_id: str
    def __init__(self, lease_id: _Optional[str] = ..., incurred_cost_nano_usd: _Optional[int] = ..., incurred_tokens: _Optional[int] = ...) -> None: ...

class ReturnLeaseResponse(_message.Message):
    __slots__ = ["returned"]
    RETURNED_FIELD_NUMBER: _ClassVar[int]
    returned: bool
    def __init__(self, returned: bool = ...) -> None: ...

class SetBudgetRequest(_message.Message):
    __slots__ = ["budget"]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    budget: Budget
    def __init__(self, budget: _Optional[_Union[Budget, _Mapping]] = ...) -> None: ...

class SetBudgetResponse(_message.Message):
    __slots__ = ["budget"]
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    budget: BudgetStatus
    def __init__(self, budget: _Optional[_Union[BudgetStatus, _Mapping]] = ...) -> None: ...

class WatchAlertsRequest(_message.Message):
    __slots__ = ["tenant"]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class WatchAlertsResponse(_message.Message):
    __slots__ = ["alert"]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: _cost_event_pb2.BudgetAlert
    def __init__(self, alert: _Optional[_Union[_cost_event_pb2.BudgetAlert, _Mapping]] = ...) -> None: ...

class BudgetScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class BudgetPeriod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ReportDimension(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
