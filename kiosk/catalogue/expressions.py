"""Safe expressions in service definitions: CEL through cel-python, checked when compiled.

Nothing is `eval`ed: cel-python interprets the parsed tree. Compiling checks the
syntax, the size, the nesting and that every name is known, so that a mistake
is found when the definition is loaded, not on a citizen's screen. Evaluating keeps
to a budget of steps, value sizes and time (`kiosk.catalogue.budget`).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import celpy
import lark
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError

from kiosk.catalogue.budget import BudgetedRunner, BudgetExceeded
from kiosk.catalogue.cel_values import (
    HELPERS,
    OPERATORS,
    UnsupportedValue,
    from_cel,
    to_cel,
)
from kiosk.catalogue.errors import ExpressionError, ExpressionOverBudget

MAX_SOURCE_LENGTH = 1000
MAX_TREE_DEPTH = 200  # parse-tree levels: a plain comparison takes ~25, each "(...)" ~10 more
MAX_MACRO_NESTING = 2  # e.g. a.exists(x, b.exists(y, ...)): no deeper
MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
FUNCTIONS = frozenset(
    {
        "has",
        "size",
        "contains",
        "startsWith",
        "endsWith",
        "matches",
        "getDate",
        "getDayOfMonth",
        "getDayOfWeek",
        "getDayOfYear",
        "getFullYear",
        "getMonth",
        "bool",
        "double",
        "int",
        "string",
        "timestamp",
        "duration",
        *HELPERS,
    }
)
EVALUATION_FAILURES: Mapping[type, str] = {
    ZeroDivisionError: "division by zero",
    TypeError: "no operation for these types (is a value null, or of another type?)",
    KeyError: "no such key or name",
    ValueError: "a value out of range or not convertible",
}

# cel-python logs the arguments of failing functions, which may be a NIK: never let it.
logging.getLogger("celpy").setLevel(logging.CRITICAL + 1)

_compile_lock = threading.Lock()  # cel-python shares one parser that keeps the text


def _environment() -> celpy.Environment:
    """cel-python lowers the recursion limit to 2500 on creation; never lower it here."""
    previous = sys.getrecursionlimit()
    environment = celpy.Environment(runner_class=BudgetedRunner)
    sys.setrecursionlimit(max(previous, sys.getrecursionlimit()))
    return environment


_ENVIRONMENT = _environment()


class CelExpression:
    """A compiled expression; `names` are the variables it reads (its dependencies)."""

    def __init__(self, source: str, names: frozenset[str], context: str, tree: lark.Tree[Any]):
        self.source = source
        self.names = names
        self.context = context
        self._program = _ENVIRONMENT.program(tree, functions={**OPERATORS, **HELPERS})

    def __repr__(self) -> str:
        return f"CelExpression({self.source!r})"

    def evaluate(self, variables: Mapping[str, Any]) -> Any:
        """The value for these answers; a name missing from `variables` is null, a
        missing `today` is the current date. Any failure raises ExpressionError."""
        try:
            activation = {name: to_cel(variables.get(name)) for name in self.names}
            if "today" in self.names and variables.get("today") is None:
                activation["today"] = to_cel(date.today())
            result = self._program.evaluate(activation)
            if isinstance(result, CELEvalError):
                raise result
            return from_cel(result)
        except UnsupportedValue as error:
            raise ExpressionError(self.context, str(error)) from None
        except BudgetExceeded as error:
            raise ExpressionOverBudget(
                self.context, f"over the evaluation budget: {error}"
            ) from None
        except Exception as error:  # cel-python may raise anything; a citizen sees no crash
            raise ExpressionError(self.context, _describe_failure(error)) from None


def _describe_failure(error: Exception) -> str:
    """Why evaluation failed, without the values (cel-python's messages include them)."""
    cause = error.args[1] if isinstance(error, CELEvalError) and len(error.args) > 1 else None
    if not isinstance(cause, type):
        cause = type(error)
    for kind, reason in EVALUATION_FAILURES.items():
        if issubclass(cause, kind):
            return f"cannot evaluate: {reason}"
    return f"cannot evaluate: {cause.__name__}"


def compile_expression(source: str, names: Iterable[str], context: str) -> CelExpression:
    """Compile `source`, allowing only the variables in `names` (field names and
    whichever of `value`, `choice`, `today` the caller's context offers)."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(context, f"longer than {MAX_SOURCE_LENGTH} characters")
    if not source.strip():
        raise ExpressionError(context, "empty expression")
    tree = _parse(source, context)
    used = _NameCheck(frozenset(names), context).run(tree)
    return CelExpression(source, used, context, tree)


def _parse(source: str, context: str) -> lark.Tree[Any]:
    try:
        with _compile_lock:
            return _ENVIRONMENT.compile(source)
    except CELParseError as error:
        where = f" at column {error.column}" if getattr(error, "column", None) else ""
        raise ExpressionError(context, f"syntax error{where}") from None
    except Exception:  # lark may raise other errors on pathological input
        raise ExpressionError(context, "syntax error") from None


class _NameCheck:
    """Walks the parse tree (without recursion): every variable must be known, every
    function allowed, nesting bounded. Returns the variables used."""

    def __init__(self, known: frozenset[str], context: str) -> None:
        self.known = known
        self.context = context
        self.used: set[str] = set()

    def fail(self, reason: str) -> ExpressionError:
        return ExpressionError(self.context, reason)

    def run(self, tree: lark.Tree[Any]) -> frozenset[str]:
        stack: list[tuple[Any, frozenset[str], int, int]] = [(tree, frozenset(), 1, 0)]
        while stack:
            node, bound, depth, macros = stack.pop()
            if not isinstance(node, lark.Tree):
                continue
            if depth > MAX_TREE_DEPTH:
                raise self.fail("nested too deeply")
            for child in self.visit(node, bound, macros):
                stack.append((child[0], child[1], depth + 1, child[2]))
        return frozenset(self.used)

    def visit(
        self, node: lark.Tree[Any], bound: frozenset[str], macros: int
    ) -> list[tuple[Any, frozenset[str], int]]:
        """Check one node; return its children to walk, with their bound names."""
        kind = node.data
        children = node.children
        if kind == "ident":
            self.name(str(children[0]), bound)
            return []
        if kind == "ident_arg":
            self.function(str(children[0]))
            return [(child, bound, macros) for child in children[1:]]
        if kind == "member_dot":
            if str(children[1]).startswith("_"):
                raise self.fail(f"field names starting with _ are not allowed: {children[1]}")
            return [(children[0], bound, macros)]
        if kind == "member_dot_arg":
            return self.method(children, bound, macros)
        if kind in ("dot_ident", "dot_ident_arg"):
            raise self.fail(f"names starting with a dot are not allowed: .{children[0]}")
        if kind == "member_object":
            raise self.fail("message construction is not allowed")
        return [(child, bound, macros) for child in children]

    def name(self, name: str, bound: frozenset[str]) -> None:
        if name in bound:
            return
        if name not in self.known:
            raise self.fail(f"unknown name {name!r}")
        self.used.add(name)

    def function(self, name: str) -> None:
        if name not in FUNCTIONS:
            raise self.fail(f"unknown function {name!r}")

    def method(
        self, children: list[Any], bound: frozenset[str], macros: int
    ) -> list[tuple[Any, frozenset[str], int]]:
        target, method = children[0], str(children[1])
        arguments = children[2].children if len(children) > 2 else []
        if method not in MACROS:
            self.function(method)
            return [(target, bound, macros)] + [(arg, bound, macros) for arg in arguments]
        if macros >= MAX_MACRO_NESTING:
            raise self.fail(f"{method}() nested too deeply")
        if len(arguments) != 2:
            raise self.fail(f"{method}() takes a variable and an expression")
        variable = _plain_identifier(arguments[0])
        if variable is None:
            raise self.fail(f"the first argument of {method}() must be a plain name")
        return [(target, bound, macros), (arguments[1], bound | {variable}, macros + 1)]


def _plain_identifier(tree: Any) -> str | None:
    """The name if `tree` is nothing but one identifier (a chain of single children)."""
    node = tree
    while isinstance(node, lark.Tree) and len(node.children) == 1:
        if node.data == "ident":
            return str(node.children[0])
        node = node.children[0]
    return None
