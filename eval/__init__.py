"""Evaluate retrieval and tagging on Q&A files: validation, scoring rule, metrics, reports."""

from eval.qa import QAError, QARecord, load_qa
from eval.run import EvalError, EvalResult, SystemResult, evaluate, expand_systems

__all__ = [
    "EvalError",
    "EvalResult",
    "QAError",
    "QARecord",
    "SystemResult",
    "evaluate",
    "expand_systems",
    "load_qa",
]
