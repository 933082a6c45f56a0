"""The budget of one expression evaluation: steps, value sizes, memory and CPU time.

A definition is data anyone may write, and CEL without a budget is not cheap: 27
calculate fields each doubling the one before take a gigabyte, and a list literal
mapped inside a map takes minutes. cel-python interprets the parse tree one node at a
time, so `BudgetedEvaluator` counts every node it visits (macro bodies included, as a
macro evaluates its body with a sub-evaluator that shares the budget) and measures
every value a node gives. Steps, sizes and memory are deterministic: the same
expression with the same answers always passes or always fails, so the loader's probe
refuses a definition that cannot pass with typical answers. The CPU time is a
backstop for a step that is slow on its own (e.g. comparing two long lists).

The limits are 95 to 210 times what the shipped services need, measured with every
option of every select_multiple chosen and 500-character texts (the test
`test_the_shipped_services_stay_far_from_every_limit` keeps a margin of 50), and above
any answer the schema allows (600 options of 64 characters, all chosen: 39,001 units).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import lark
from celpy import InterpretedRunner
from celpy.celtypes import Value
from celpy.evaluation import Activation, Context, Evaluator

MAX_STEPS = 25_000
"""Parse-tree nodes visited in one evaluation (a comparison of two names is about 15).
A node takes 3-4 us, so this is about 0.1 s; the largest shipped expression takes 131.
Iterating a select_multiple answer of 600 options with a small body (~25 nodes an
option) still fits."""

MAX_VALUE_SIZE = 100_000
"""Units in any one value: one per value plus one per character of a string, counted
through lists and maps (a shared part counts each time it appears, as it would once
converted or compared). The largest answer the schema allows is 39,001 units; a
500-character text answer is 501; the largest shipped value is 1,048 (an address of
long texts). Doubling a string from field to field stops here, with at most twice this
in memory."""

MAX_VALUE_DEPTH = 16
"""Lists and maps nested in one value. Answers are at most a list of strings (depth 1);
converting and remembering values recurse through them."""

MAX_ALLOCATED = 1_000_000
"""Units of every new string, list and map made in one evaluation, the short-lived ones
included (a few megabytes): a macro cannot fill memory with values it then drops or
gathers into one list that is measured only when complete. The shipped services make
at most 4,739."""

MAX_CPU_SECONDS = 0.5
"""CPU time of one evaluation (this thread's), checked every `CLOCK_EVERY` steps: a
backstop for steps that are slow on their own. Not deterministic, hence generous: the
step limit is reached in about a fifth of it, a shipped expression in under 1 ms."""

SETUP_STEPS = 50
"""What setting up one evaluation (converting the answers it reads) costs a pool, in
steps of about the same time: many cheap evaluations take time too."""

MAX_CHECK_STEPS = 2_000_000
"""Steps of all the evaluations that check one definition at load (each probe and the
cascade check, every option of every filter): about 7 s at most. The shipped services
take at most 11,332 (surat-pengantar-pindah); a province-to-regency cascade of 38 and
514 options, 720,000 (2.5 s). A definition that needs more is refused."""

MAX_WALK_STEPS = 250_000
"""Steps of all the evaluations of one walk of a citizen's form (`AnswerSheet.recompute`,
after every answer): under a second, so that no answer freezes the screen. The shipped
services take at most 2,085 (surat-pengantar-pindah); a filter over 514 regencies,
35,000 (0.1 s)."""

CLOCK_EVERY = 4
SCALAR_SIZE = 1
MEASURED = (str, bytes, list, tuple, dict)  # what cel-python's strings, lists and maps are


class BudgetExceeded(Exception):
    """Raised, never returned as a CEL error value (which `||`, `&&` and the macros may
    swallow); deliberately no TypeError or ValueError, which cel-python catches."""


@dataclass
class StepPool:
    """Steps shared by the evaluations made inside `shared_steps`."""

    limit: int
    what: str  # e.g. "in one walk of the form", for the message
    steps: int = 0

    def take(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > self.limit:
            raise BudgetExceeded(f"more than {self.limit} steps {self.what}")


_POOLS: ContextVar[tuple[StepPool, ...]] = ContextVar("expression_step_pools", default=())


@contextmanager
def shared_steps(limit: int, what: str) -> Iterator[StepPool]:
    """Evaluations inside share `limit` steps in all, each still within MAX_STEPS; once
    the pool is spent, every evaluation fails at its first step. Pools nest."""
    pool = StepPool(limit, what)
    token = _POOLS.set((*_POOLS.get(), pool))
    try:
        yield pool
    finally:
        _POOLS.reset(token)


class Budget:
    """What one evaluation has used. Every string, list and map measured is kept until
    the evaluation ends (so that its id is not reused): at most MAX_ALLOCATED units."""

    def __init__(self) -> None:
        self.steps = 0
        self.allocated = 0
        self.largest = 0  # the largest value seen, in units (for measuring the limits)
        self._started = time.thread_time()
        self._pools = _POOLS.get()
        for pool in self._pools:
            pool.take(SETUP_STEPS)
        self._seen: dict[int, tuple[int, int, object]] = {}  # id -> size, depth, value

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise BudgetExceeded(f"more than {MAX_STEPS} steps")
        for pool in self._pools:
            pool.take()
        clock_due = self.steps % CLOCK_EVERY == 0
        if clock_due and time.thread_time() - self._started > MAX_CPU_SECONDS:
            raise BudgetExceeded(f"more than {MAX_CPU_SECONDS} s of CPU time")

    def admit(self, value: object) -> None:
        """Measure a value an expression gave or read; raises BudgetExceeded."""
        size, _ = self._measure(value, 0)
        self.largest = max(self.largest, size)

    def _measure(self, value: object, level: int) -> tuple[int, int]:
        """The value's size (units) and depth (of lists and maps), each within its limit;
        `level` is how deep in the value being measured this one is."""
        if not isinstance(value, MEASURED):
            return SCALAR_SIZE, 0
        seen = self._seen.get(id(value))
        if seen is not None and seen[2] is value:
            return seen[0], seen[1]
        self._allocate(len(value))
        if isinstance(value, str | bytes):
            size, depth = 1 + len(value), 0
        else:
            size, depth = self._measure_items(value, level)
        if size > MAX_VALUE_SIZE:
            raise BudgetExceeded(f"a value larger than {MAX_VALUE_SIZE} units")
        if depth > MAX_VALUE_DEPTH:
            raise BudgetExceeded(f"lists or maps nested more than {MAX_VALUE_DEPTH} deep")
        self._seen[id(value)] = (size, depth, value)
        return size, depth

    def _measure_items(
        self, value: list[Any] | tuple[Any, ...] | dict[Any, Any], level: int
    ) -> tuple[int, int]:
        if level >= MAX_VALUE_DEPTH:  # its depth is more than the limit: stop recursing
            raise BudgetExceeded(f"lists or maps nested more than {MAX_VALUE_DEPTH} deep")
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        size, depth = 1, 0
        for item in items:
            item_size, item_depth = self._measure(item, level + 1)
            size += item_size
            depth = max(depth, item_depth)
            if size > MAX_VALUE_SIZE:
                break
        return size, depth + 1

    def release(self) -> None:
        """Let go of the values measured (the counts stay)."""
        self._seen.clear()

    def _allocate(self, units: int) -> None:
        self.allocated += units
        if self.allocated > MAX_ALLOCATED:
            raise BudgetExceeded(f"more than {MAX_ALLOCATED} units of values made")


class BudgetedEvaluator(Evaluator):
    """cel-python's evaluator, counting each node visited and measuring what it gives.

    lark's `Interpreter` visits every node through `_visit_tree` (`visit` and
    `visit_children` both call it), and macros evaluate their bodies through
    `sub_evaluator`: overriding these two sees every step.
    """

    def __init__(self, ast: lark.Tree[Any], activation: Activation, budget: Budget) -> None:
        super().__init__(ast, activation)
        self.budget = budget

    def sub_evaluator(self, ast: lark.Tree[Any]) -> Evaluator:
        return BudgetedEvaluator(ast, self.activation, self.budget)

    def _visit_tree(self, tree: lark.Tree[Any]) -> Any:
        self.budget.step()
        result = super()._visit_tree(tree)
        if isinstance(result, MEASURED):  # a number, a date or a bool is one unit
            self.budget.admit(result)
        return result


class BudgetedRunner(InterpretedRunner):
    """Runs a compiled expression with a fresh `Budget` each time."""

    def evaluate(self, context: Context) -> Value:
        budget = Budget()
        try:
            return BudgetedEvaluator(self.ast, self.new_activation(), budget).evaluate(context)
        finally:
            budget.release()  # the values it kept may be a citizen's answers
