"""Scoring rules per fiscal year: loading ``data/rules/fy<YEAR>.yaml`` into typed, checked rules."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError, model_validator

from pipeline import agencies, thai
from pipeline.errors import PipelineError, validation_messages

DEFAULT_FISCAL_YEAR = 2568
_FILE = re.compile(r"fy(\d{4})\.yaml")

Severity = Literal["error", "warning"]
# Points and percents are exact decimals in the pipeline and plain JSON numbers on the way out.
Points = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
Method = Literal["ideas_in_proportion", "evaluator_mark", "form2_single", "committee", "evaluator_decision",
                 "satisfaction", "outcome_kpi"]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class RulesError(PipelineError):
    """A rules file is missing, or does not fit the shape of the rules."""


class AgencyTypeRule(BaseModel):
    """One type of agency: its Thai name and the name prefixes that identify it."""

    model_config = _STRICT
    th: str
    en: str
    name_prefixes: list[str] = Field(default_factory=list)


class DocumentRule(BaseModel):
    """How many of one kind of document an agency sends, and the kind's page limit."""

    model_config = _STRICT
    th: str
    exactly: int | None = None
    min_by_agency_type: dict[str, int] | None = None
    max_pages: int | None = None
    plan_attached: bool = False
    only_with_external_partners: bool = False


class PlanRule(BaseModel):
    model_config = _STRICT
    phases: list[Literal["creation", "deployment", "follow_up"]]
    fiscal_year_severity: Severity


class Form4Rule(BaseModel):
    model_config = _STRICT
    kpi_count: int
    output_kpis: int
    outcome_kpis: int
    satisfaction_kpi_words: list[str]
    satisfaction_target_min_percent: Decimal
    risk_rows_min: int


class CertificateRule(BaseModel):
    model_config = _STRICT
    agency_share_min_percent: Decimal
    shares_total_percent: Decimal


class SurveyRule(BaseModel):
    model_config = _STRICT
    min_questions: int
    levels: int


class ValidationRules(BaseModel):
    """What makes a document valid: required fields, the plan's phases, Form 4's KPIs, shares, the survey."""

    model_config = _STRICT
    required_fields: dict[str, list[str]]
    policy_named: list[str]
    innovation_type_one: list[str]
    plan: PlanRule
    form4: Form4Rule
    certificate: CertificateRule
    survey: SurveyRule


class ItemRule(BaseModel):
    """One scored item: its points, how it is scored (``method``) and the formula stated in words."""

    model_config = _STRICT
    id: str
    th: str
    en: str
    points: Decimal
    method: Method
    formula: str
    evaluation_key: str | None = None
    kpi: int | None = None
    criteria: list[str] = Field(default_factory=list)


class PartRule(BaseModel):
    """One part of the score (ส่วนที่ 1–3): its points are the sum of its items'."""

    model_config = _STRICT
    number: int
    th: str
    en: str
    points: Decimal
    items: list[ItemRule]

    @model_validator(mode="after")
    def _items_add_up(self) -> PartRule:
        total = sum((i.points for i in self.items), Decimal(0))
        if total != self.points:
            raise ValueError(f"part {self.number}: its items add up to {total}, not {self.points}")
        return self


class SatisfactionRule(BaseModel):
    model_config = _STRICT
    full_at_percent: Decimal
    zero_below_percent: Decimal
    partial: Literal["proportional_to_target", "none"]
    survey_must_be_valid: bool = True
    formula: str


class OutcomeRule(BaseModel):
    model_config = _STRICT
    partial: Literal["proportional_to_target", "none"]
    formula: str


class LevelRule(BaseModel):
    model_config = _STRICT
    bands: list[Decimal]
    formula: str

    @model_validator(mode="after")
    def _bands_rise(self) -> LevelRule:
        if not self.bands or any(b <= a for a, b in zip(self.bands, self.bands[1:], strict=False)):
            raise ValueError("level bands must be a rising list of points")
        return self


class ReportTexts(BaseModel):
    """The KPI's texts in the quarterly report: its name, output/outcome, definitions, method and target."""

    model_config = _STRICT
    kpi_name: str
    result_type: Literal["output", "outcome"]
    strategy: list[str] = Field(default_factory=list)
    definitions: list[str]
    method: list[str]
    target: Decimal
    unit: str


class Rules(BaseModel):
    """The scoring rules of one fiscal year, as its rules file states them."""

    model_config = _STRICT
    fiscal_year: int
    title_th: str
    title_en: str
    kpi_code: str
    weight_percent: Decimal
    source: str
    notes: list[str] = Field(default_factory=list)
    agency_types: dict[str, AgencyTypeRule]
    agency_type_default: str
    documents: dict[str, DocumentRule]
    validation: ValidationRules
    parts: list[PartRule]
    satisfaction: SatisfactionRule
    outcomes: OutcomeRule
    levels: LevelRule
    report: ReportTexts | None = None
    file: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Rules:
        if self.agency_type_default not in self.agency_types:
            raise ValueError(f"agency_type_default {self.agency_type_default!r} is not one of the agency_types")
        form1 = self.documents.get("form1")
        if form1 is None or not form1.min_by_agency_type:
            raise ValueError("documents.form1.min_by_agency_type is required")
        missing = set(self.agency_types) - set(form1.min_by_agency_type)
        if missing:
            raise ValueError(f"documents.form1.min_by_agency_type lacks {', '.join(sorted(missing))}")
        if self.levels.bands[-1] != self.total_points:
            raise ValueError(f"the top level band {self.levels.bands[-1]} is not the total {self.total_points}")
        return self

    @property
    def total_points(self) -> Decimal:
        return sum((p.points for p in self.parts), Decimal(0))

    def items(self, method: str | None = None) -> list[tuple[PartRule, ItemRule]]:
        """Every (part, item), or only those scored by ``method``."""
        return [(p, i) for p in self.parts for i in p.items if method is None or i.method == method]

    def committee_items(self) -> list[ItemRule]:
        """The items the committee scores (part 2), in the order of its sheet."""
        return [i for _, i in self.items("committee")]

    def agency_type_of(self, agency: str) -> str:
        """The agency's type: the agency list's (data/agencies.yaml), else (a name not in it) the first type whose
        prefix starts the name, else the default type."""
        listed = agencies.agency_type(agency)
        if listed in self.agency_types:
            return listed
        name = thai.normalize(agency or "").strip()
        for type_id, spec in self.agency_types.items():
            if any(name.startswith(prefix) for prefix in spec.name_prefixes):
                return type_id
        return self.agency_type_default

    def form1_required(self, agency_type: str) -> int:
        """How many Form 1 ideas an agency of this type must send."""
        counts = self.documents["form1"].min_by_agency_type or {}
        if agency_type not in counts:
            raise RulesError(f"FY{self.fiscal_year} rules name no Form 1 count for agency type {agency_type!r}",
                             f"เกณฑ์ปี {self.fiscal_year} ไม่ได้กำหนดจำนวนแบบฟอร์ม 1 ของหน่วยงานประเภท {agency_type!r}")
        return counts[agency_type]


def _rules_dir():
    return resources.files("pipeline").joinpath("data/rules")


@cache  # package data, read once like load_rules: the board asks it for every agency
def available_years() -> list[int]:
    """The fiscal years that have a rules file, oldest first."""
    return sorted(int(m.group(1)) for f in _rules_dir().iterdir() if (m := _FILE.fullmatch(f.name)))


@cache
def load_rules(fiscal_year: int | None = None) -> Rules:
    """The rules of a fiscal year (FY2568 by default); a clear error naming the years that have rules."""
    year = DEFAULT_FISCAL_YEAR if fiscal_year is None else int(fiscal_year)
    name = f"fy{year}.yaml"
    file = _rules_dir().joinpath(name)
    if not file.is_file():
        years = ", ".join(str(y) for y in available_years())
        raise RulesError(f"there are no scoring rules for fiscal year {year}; rules exist for {years} "
                         f"(add pipeline/data/rules/{name})",
                         f"ไม่มีเกณฑ์การให้คะแนนของปีงบประมาณ {year} มีเฉพาะปี {years}")
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return parse_rules(data, where=f"pipeline/data/rules/{name}")


def parse_rules(data: object, where: str = "rules") -> Rules:
    """Rules from the parsed YAML of a rules file; every problem named with its place in the file."""
    if not isinstance(data, dict):
        raise RulesError("a rules file must be a mapping", "ไฟล์เกณฑ์ต้องอยู่ในรูปชื่อและค่า", where=where)
    try:
        return Rules.model_validate({**data, "file": where})
    except ValidationError as exc:
        en, th = validation_messages(exc.errors())
        raise RulesError(f"the rules file does not fit the rules: {en}",
                         f"ไฟล์เกณฑ์การให้คะแนนไม่ถูกต้อง: {th}", where=where) from None


def rules_for(fiscal_year: int | None) -> Rules:
    """The rules of ``fiscal_year`` if a file exists for it, else the latest earlier year's (the earliest year's
    for a year before every file; FY2568's when no year is given). A card scored so says it (``rules.year``)."""
    if fiscal_year is None:
        return load_rules(DEFAULT_FISCAL_YEAR)
    years = available_years()
    earlier = [y for y in years if y <= int(fiscal_year)]
    return load_rules(earlier[-1] if earlier else years[0])
