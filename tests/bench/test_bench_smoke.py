"""The benchmark suite runs end to end (a smoke test: it checks that figures come out, not timings)."""

import json

from bench.__main__ import main


def test_bench_runs_and_reports_every_scenario(tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert main(["run", "--posts", "300", "--repeat", "1", "--work", str(tmp_path), "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "machine: cores" in table and "300 posts" in table
    data = json.loads(out.read_text(encoding="utf-8"))
    figures = data["results"]["300"]
    for name in ("cold index: metadata phase (s)", "cold index: full-text phase (s)",
                 "warm re-open, nothing changed (s)", "search CJK 2 chars: p95 (ms)",
                 "peer: python-frontmatter loop (s)"):
        assert figures[name] > 0, name
    assert data["machine"]["sqlite"]
