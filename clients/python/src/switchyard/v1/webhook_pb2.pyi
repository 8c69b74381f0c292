from google.protobuf import timestamp_pb2 as _timestamp_pb2
from switchyard.v1 import cost_event_pb2 as _cost_event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetWebhookRequest(_message.Message):
    __slots__ = ["tenant"]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class GetWebhookResponse(_message.Message):
    __slots__ = ["webhook"]
    WEBHOOK_FIELD_NUMBER: _ClassVar[int]
    webhook: WebhookStatus
    def __init__(self, webhook: _Optional[_Union[WebhookStatus, _Mapping]] = ...) -> None: ...

class ListWebhookDeadLettersRequest(_message.Message):
    __slots__ = ["limit", "tenant"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    limit: int
    tenant: str
    def __init__(self, tenant: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class ListWebhookDeadLettersResponse(_message.Message):
    __slots__ = ["dead_letters"]
    DEAD_LETTERS_FIELD_NUMBER: _ClassVar[int]
    dead_letters: _containers.RepeatedCompositeFieldContainer[WebhookDeadLetter]
    def __init__(self, dead_letters: _Optional[_Iterable[_Union[WebhookDeadLetter, _Mapping]]] = ...) -> None: ...

class SetWebhookRequest(_message.Message):
    __slots__ = ["secret", "tenant", "url"]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    secret: str
    tenant: str
    url: str
    def __init__(self, tenant: _Optional[str] = ..., url: _Optional[str] = ..., secret: _Optional[str] = ...) -> None: ...

class SetWebhookResponse(_message.Message):
    __slots__ = ["webhook"]
    WEBHOOK_FIELD_NUMBER: _ClassVar[int]
    webhook: WebhookStatus
    def __init__(self, webhook: _Optional[_Union[WebhookStatus, _Mapping]] = ...) -> None: ...

class WebhookDeadLetter(_message.Message):
    __slots__ = ["alert", "attempts", "failed_at", "last_error", "url"]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    FAILED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    alert: _cost_event_pb2.BudgetAlert
    attempts: int
    failed_at: _timestamp_pb2.Timestamp
    last_error: str
    url: str
    def __init__(self, alert: _Optional[_Union[_cost_event_pb2.BudgetAlert, _Mapping]] = ..., url: _Optional[str] = ..., attempts: _Optional[int] = ..., last_error: _Optional[str] = ..., failed_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WebhookStatus(_message.Message):
    __slots__ = ["secret_set", "source", "tenant", "url"]
    SECRET_SET_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    secret_set: bool
    source: str
    tenant: str
    url: str
    def __init__(self, tenant: _Optional[str] = ..., url: _Optional[str] = ..., secret_set: bool = ..., source: _Optional[str] = ...) -> None: ...
