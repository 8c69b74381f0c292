from google.protobuf import timestamp_pb2 as _timestamp_pb2
from switchyard.v1 import cost_event_pb2 as _cost_event_pb2
from switchyard.v1 import executor_pb2 as _executor_pb2
from switchyard.v1 import ledger_pb2 as _ledger_pb2
from switchyard.v1 import selector_pb2 as _selector_pb2
from switchyard.v1 import webhook_pb2 as _webhook_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccountModel(_message.Message):
    __slots__ = ["state", "task_quality", "tier"]
    class TaskQualityEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _selector_pb2.TaskQualityEstimate
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_selector_pb2.TaskQualityEstimate, _Mapping]] = ...) -> None: ...
    STATE_FIELD_NUMBER: _ClassVar[int]
    TASK_QUALITY_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    state: _executor_pb2.ModelState
    task_quality: _containers.MessageMap[str, _selector_pb2.TaskQualityEstimate]
    tier: str
    def __init__(self, state: _Optional[_Union[_executor_pb2.ModelState, _Mapping]] = ..., tier: _Optional[str] = ..., task_quality: _Optional[_Mapping[str, _selector_pb2.TaskQualityEstimate]] = ...) -> None: ...

class AccountServiceListModelsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class AccountServiceListModelsResponse(_message.Message):
    __slots__ = ["models"]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedCompositeFieldContainer[AccountModel]
    def __init__(self, models: _Optional[_Iterable[_Union[AccountModel, _Mapping]]] = ...) -> None: ...

class AccountServiceWatchAlertsRequest(_message.Message):
    __slots__ = ["since", "tenant"]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    since: _timestamp_pb2.Timestamp
    tenant: str
    def __init__(self, tenant: _Optional[str] = ..., since: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExportCsvRequest(_message.Message):
    __slots__ = ["end", "start", "tenant"]
    END_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    start: _timestamp_pb2.Timestamp
    tenant: str
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., tenant: _Optional[str] = ...) -> None: ...

class ExportCsvResponse(_message.Message):
    __slots__ = ["chunk", "events_total", "events_written"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    EVENTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    EVENTS_WRITTEN_FIELD_NUMBER: _ClassVar[int]
    chunk: str
    events_total: int
    events_written: int
    def __init__(self, chunk: _Optional[str] = ..., events_written: _Optional[int] = ..., events_total: _Optional[int] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ["end", "limit", "start", "tenant"]
    END_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    limit: int
    start: _timestamp_pb2.Timestamp
    tenant: str
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., tenant: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ["events"]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[_cost_event_pb2.CostEvent]
    def __init__(self, events: _Optional[_Iterable[_Union[_cost_event_pb2.CostEvent, _Mapping]]] = ...) -> None: ...
