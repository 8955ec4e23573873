"""Loading Q&A files: the dev set passes, and each kind of bad line names its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.qa import DEV_QA, QAError, load_qa

DEV = list(DEV_QA)


def _first_record() -> dict[str, object]:
    return dict(json.loads(DEV[0].read_text(encoding="utf-8").splitlines()[0]))


def test_dev_set_loads_with_unique_ids_and_sources() -> None:
    records = load_qa(DEV)
    assert len(DEV) == 3
    assert (
        len(records)
        == 36
        == sum(
            1 for p in DEV for line in p.read_text(encoding="utf-8").splitlines() if line.strip()
        )
    )
    assert len({r.id for r in records}) == len(records)
    assert all(r.lang in ("nl", "en") and r.quote for r in records)
    assert records[0].source == f"{DEV[0]}:1"


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bad(tmp_path: Path, second_line: str) -> QAError:
    good = json.dumps(_first_record(), ensure_ascii=False)
    path = _write(tmp_path, [good, "", second_line])
    with pytest.raises(QAError) as info:
        load_qa([path])
    assert str(info.value).startswith(f"{path}:3: ")
    assert info.value.line == 3
    return info.value


def _changed(**changes: object) -> str:
    record = _first_record()
    record.update(changes)
    return json.dumps(record, ensure_ascii=False)


def test_invalid_json(tmp_path: Path) -> None:
    assert "invalid JSON" in _bad(tmp_path, '{"id": "x",').problem


def test_missing_field(tmp_path: Path) -> None:
    record = _first_record()
    del record["quote"]
    del record["id"]
    assert _bad(tmp_path, json.dumps(record)).problem == "missing field id, quote"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"lang": "de"}, "lang 'de'"),
        ({"kind": "belofte"}, "kind 'belofte'"),
        ({"theme": "zorg"}, "theme 'zorg'"),
        ({"actors": "VWS"}, "actors must be a list"),
        ({"deadline": "eind 2023"}, "not an ISO date"),
        ({"deadline": 2023}, "deadline must be a string or null"),
        ({"question": ""}, "question must be a non-empty string"),
        ({"doc": "999_missing.txt"}, "unknown document '999_missing.txt'"),
        ({"quote": "Dit staat nergens in het akkoord geschreven."}, "quote not found in"),
    ],
)
def test_bad_values(tmp_path: Path, changes: dict[str, object], expected: str) -> None:
    assert expected in _bad(tmp_path, _changed(id="other", **changes)).problem


def test_duplicate_id(tmp_path: Path) -> None:
    assert "duplicate id" in _bad(tmp_path, _changed()).problem


def test_not_an_object(tmp_path: Path) -> None:
    assert "JSON object" in _bad(tmp_path, "[1, 2]").problem


def test_quote_matches_across_collapsed_whitespace_and_line_break_hyphens(tmp_path: Path) -> None:
    record = _first_record()
    words = str(record["quote"]).split()
    # Extra white space and a line-break hyphen inside a word still match the document.
    at = next(i for i, w in enumerate(words) if len(w) > 6 and w.isalpha())
    words[at] = words[at][:3] + "-\n" + words[at][3:]
    record["quote"] = "  \n".join(words)
    path = _write(tmp_path, [json.dumps(record, ensure_ascii=False)])
    assert load_qa([path])[0].quote == record["quote"]


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(QAError, match=r"latin1.jsonl:0: not UTF-8"):
        load_qa([path])
