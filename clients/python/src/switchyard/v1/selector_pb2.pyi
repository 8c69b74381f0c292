from switchyard.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
FEEDBACK_SOURCE_ANSWER_SCORER: FeedbackSource
FEEDBACK_SOURCE_CALLER: FeedbackSource
FEEDBACK_SOURCE_CRITIC: FeedbackSource
FEEDBACK_SOURCE_SHADOW: FeedbackSource
FEEDBACK_SOURCE_UNSPECIFIED: FeedbackSource
FEEDBACK_SOURCE_VERIFICATION: FeedbackSource

class AnswerVerification(_message.Message):
    __slots__ = ["detail", "run", "tests", "verdict"]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    TESTS_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    detail: str
    run: str
    tests: int
    verdict: str
    def __init__(self, verdict: _Optional[str] = ..., tests: _Optional[int] = ..., run: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class FeedbackRequest(_message.Message):
    __slots__ = ["messages", "model", "predicted_quality", "quality", "request_id", "source", "task_type", "tenant"]
    GLOBAL_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PREDICTED_QUALITY_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    model: str
    predicted_quality: float
    quality: float
    request_id: str
    source: FeedbackSource
    task_type: str
    tenant: str
    def __init__(self, request_id: _Optional[str] = ..., model: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., quality: _Optional[float] = ..., source: _Optional[_Union[FeedbackSource, str]] = ..., predicted_quality: _Optional[float] = ..., tenant: _Optional[str] = ..., task_type: _Optional[str] = ..., **kwargs) -> None: ...

class FeedbackResponse(_message.Message):
    __slots__ = ["duplicate", "observations"]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    duplicate: bool
    observations: int
    def __init__(self, observations: _Optional[int] = ..., duplicate: bool = ...) -> None: ...

class ModelScore(_message.Message):
    __slots__ = ["confidence", "estimated_cost_nano_usd", "estimated_input_tokens", "estimated_output_tokens", "model", "predicted_quality", "source"]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COST_NANO_USD_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PREDICTED_QUALITY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    confidence: float
    estimated_cost_nano_usd: int
    estimated_input_tokens: int
    estimated_output_tokens: int
    model: str
    predicted_quality: float
    source: str
    def __init__(self, model: _Optional[str] = ..., predicted_quality: _Optional[float] = ..., confidence: _Optional[float] = ..., estimated_input_tokens: _Optional[int] = ..., estimated_output_tokens: _Optional[int] = ..., estimated_cost_nano_usd: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class ModelTaskEstimates(_message.Message):
    __slots__ = ["model", "tasks"]
    class TasksEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: TaskQualityEstimate
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[TaskQualityEstimate, _Mapping]] = ...) -> None: ...
    MODEL_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    model: str
    tasks: _containers.MessageMap[str, TaskQualityEstimate]
    def __init__(self, model: _Optional[str] = ..., tasks: _Optional[_Mapping[str, TaskQualityEstimate]] = ...) -> None: ...

class ScoreAnswerRequest(_message.Message):
    __slots__ = ["answer", "messages", "model", "quality_kind", "verify"]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    QUALITY_KIND_FIELD_NUMBER: _ClassVar[int]
    VERIFY_FIELD_NUMBER: _ClassVar[int]
    answer: str
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    model: str
    quality_kind: str
    verify: bool
    def __init__(self, messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., answer: _Optional[str] = ..., model: _Optional[str] = ..., quality_kind: _Optional[str] = ..., verify: bool = ...) -> None: ...

class ScoreAnswerResponse(_message.Message):
    __slots__ = ["probability", "raw", "scorer_version", "trained_model", "verification"]
    PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    RAW_FIELD_NUMBER: _ClassVar[int]
    SCORER_VERSION_FIELD_NUMBER: _ClassVar[int]
    TRAINED_MODEL_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    probability: float
    raw: float
    scorer_version: str
    trained_model: bool
    verification: AnswerVerification
    def __init__(self, probability: _Optional[float] = ..., raw: _Optional[float] = ..., trained_model: bool = ..., scorer_version: _Optional[str] = ..., verification: _Optional[_Union[AnswerVerification, _Mapping]] = ...) -> None: ...

class ScoreHints(_message.Message):
    __slots__ = ["expected_output_tokens", "quality_kind", "task_type"]
    EXPECTED_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    QUALITY_KIND_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    expected_output_tokens: int
    quality_kind: str
    task_type: str
    def __init__(self, task_type: _Optional[str] = ..., expected_output_tokens: _Optional[int] = ..., quality_kind: _Optional[str] = ...) -> None: ...

class ScoreRequest(_message.Message):
    __slots__ = ["candidate_models", "hints", "messages"]
    CANDIDATE_MODELS_FIELD_NUMBER: _ClassVar[int]
    HINTS_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    candidate_models: _containers.RepeatedScalarFieldContainer[str]
    hints: ScoreHints
    messages: _containers.RepeatedCompositeFieldContainer[_common_pb2.ChatMessage]
    def __init__(self, messages: _Optional[_Iterable[_Union[_common_pb2.ChatMessage, _Mapping]]] = ..., candidate_models: _Optional[_Iterable[str]] = ..., hints: _Optional[_Union[ScoreHints, _Mapping]] = ...) -> None: ...

class ScoreResponse(_message.Message):
    __slots__ = ["complexity", "novelty", "scores", "selector_version", "task_type"]
    COMPLEXITY_FIELD_NUMBER: _ClassVar[int]
    NOVELTY_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_VERSION_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    complexity: float
    novelty: float
    scores: _containers.RepeatedCompositeFieldContainer[ModelScore]
    selector_version: str
    task_type: str
    def __init__(self, task_type: _Optional[str] = ..., complexity: _Optional[float] = ..., scores: _Optional[_Iterable[_Union[ModelScore, _Mapping]]] = ..., selector_version: _Optional[str] = ..., novelty: _Optional[float] = ...) -> None: ...

class TaskQualityEstimate(_message.Message):
    __slots__ = ["observations", "quality"]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    observations: int
    quality: float
    def __init__(self, quality: _Optional[float] = ..., observations: _Optional[int] = ...) -> None: ...

class TenantEstimatesRequest(_message.Message):
    __slots__ = ["models"]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, models: _Optional[_Iterable[str]] = ...) -> None: ...

class TenantEstimatesResponse(_message.Message):
    __slots__ = ["models"]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedCompositeFieldContainer[ModelTaskEstimates]
    def __init__(self, models: _Optional[_Iterable[_Union[ModelTaskEstimates, _Mapping]]] = ...) -> None: ...

class FeedbackSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
