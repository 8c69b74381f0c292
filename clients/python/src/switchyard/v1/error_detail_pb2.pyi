from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
ERROR_REASON_ANSWER_CHECK_FAILED: ErrorReason
ERROR_REASON_BUDGET_EXHAUSTED: ErrorReason
ERROR_REASON_CIRCUIT_OPEN: ErrorReason
ERROR_REASON_CONTEXT_LENGTH_EXCEEDED: ErrorReason
ERROR_REASON_COST_OUTBOX_FULL: ErrorReason
ERROR_REASON_MAX_COST_EXCEEDED: ErrorReason
ERROR_REASON_PROVIDER_AUTH: ErrorReason
ERROR_REASON_PROVIDER_BAD_REQUEST: ErrorReason
ERROR_REASON_PROVIDER_CANCELLED: ErrorReason
ERROR_REASON_PROVIDER_MALFORMED_RESPONSE: ErrorReason
ERROR_REASON_PROVIDER_NOT_FOUND: ErrorReason
ERROR_REASON_PROVIDER_RATE_LIMITED: ErrorReason
ERROR_REASON_PROVIDER_TIMEOUT: ErrorReason
ERROR_REASON_PROVIDER_UNAVAILABLE: ErrorReason
ERROR_REASON_QUEUE_FULL: ErrorReason
ERROR_REASON_RATE_LIMITED: ErrorReason
ERROR_REASON_UNSPECIFIED: ErrorReason

class ErrorDetail(_message.Message):
    __slots__ = ["budget_id", "check", "model", "provider", "provider_status", "reason", "retry_after_ms"]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    CHECK_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RETRY_AFTER_MS_FIELD_NUMBER: _ClassVar[int]
    budget_id: str
    check: str
    model: str
    provider: str
    provider_status: int
    reason: ErrorReason
    retry_after_ms: int
    def __init__(self, reason: _Optional[_Union[ErrorReason, str]] = ..., retry_after_ms: _Optional[int] = ..., model: _Optional[str] = ..., provider: _Optional[str] = ..., provider_status: _Optional[int] = ..., check: _Optional[str] = ..., budget_id: _Optional[str] = ...) -> None: ...

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
