"""The page's scoring rules (scoring-rules.js) under node give what the Python references give.

Fast tier: no browser. Node has no YAML parser, so the shared vectors are handed over as JSON.
Both runtimes score with the scoring part's fixture scheme (generator/parts/scoring/fixtures/).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.build import load_project
from generator.parts import scoring
from generator.parts.scoring import ScoringInputError, evaluate, scheme_data
from generator.parts.scoring.fill import fill_from_checklist

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "js" / "run_vectors.js"
NODE = shutil.which("node") or "/usr/bin/node"


def load_vectors(name: str):
    return yaml.safe_load((ROOT / "tests" / "vectors" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(scoring_root):
    return load_project(scoring_root, only=("scoring",))


@pytest.fixture(scope="module")
def node_output(project, tmp_path_factory):
    if not Path(NODE).exists():
        pytest.fail("node is missing: install Debian's nodejs (see README)")
    scoring = load_vectors("scoring.yaml")
    fill = load_vectors("fill.yaml")
    tmp = tmp_path_factory.mktemp("js-rules")
    scheme_file = tmp / "scheme.json"
    vectors_file = tmp / "vectors.json"
    scheme_file.write_text(json.dumps(scheme_data(project), ensure_ascii=False), encoding="utf-8")
    vectors_file.write_text(
        json.dumps(
            {
                "scoring": [
                    {"name": c["name"], "input": c["input"]} for c in scoring["valid"] + scoring["invalid"]
                ],
                "fill": fill["cases"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [NODE, str(RUNNER), str(scheme_file), str(vectors_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def python_scoring(project, case) -> dict:
    try:
        return {"name": case["name"], "result": evaluate(scoring.scheme_of(project), case["input"])}
    except ScoringInputError as e:
        return {"name": case["name"], "error": str(e), "field": e.field}


def test_node_scores_every_shared_vector_as_python_does(project, node_output):
    vectors = load_vectors("scoring.yaml")
    cases = vectors["valid"] + vectors["invalid"]
    want = [python_scoring(project, c) for c in cases]
    assert len(node_output["scoring"]) == len(cases) > 0
    assert node_output["scoring"] == json.loads(json.dumps(want, ensure_ascii=False))


def test_node_refuses_the_invalid_vectors_with_their_exact_messages(node_output):
    vectors = load_vectors("scoring.yaml")
    by_name = {r["name"]: r for r in node_output["scoring"]}
    for case in vectors["invalid"]:
        assert by_name[case["name"]].get("error") == case["error"], case["name"]


def test_node_fills_from_checklists_as_python_does(node_output):
    cases = load_vectors("fill.yaml")["cases"]
    want = [
        {"name": c["name"], "result": fill_from_checklist(c["areas"], c["items"], c["statuses"])}
        for c in cases
    ]
    assert node_output["fill"] == want
    assert [r["result"] for r in node_output["fill"]] == [c["expect"] for c in cases]
