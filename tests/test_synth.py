"""kohyo synth: valid, deterministic, all three forms, never into the project's content/."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.cli import main
from generator.core.findings import Findings
from generator.core.mynumber import find_individual_numbers, individual_number_check_digit
from generator.devtools.synth import (
    MARKER,
    POPULATION_BANDS,
    _populations,
    dump,
    form_for,
    municipalities,
    synthesize,
)
from generator.pipeline import Project, prepare

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    """Every file synth generates (the copied theme/ is the project's own and may change meanwhile)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "theme"
    }


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "a"
    assert (
        main(
            [
                "--root",
                str(ROOT),
                "synth",
                "--municipalities",
                "3",
                "--seed",
                "7",
                "--out",
                str(out),
                "--mix",
                "each",
            ]
        )
        == 0
    )
    return out


def test_validates_without_errors(synth: Path) -> None:
    from generator.linking.checks import check_site

    findings = Findings()
    _corpus, site = prepare(Project.open(synth), findings)
    check_site(site, findings)
    assert [f.format("en") for f in findings.errors] == []
    assert len(site.municipalities) == 3
    assert len(site.assessments) == 9
    forms = {getattr(a.record, "form", "") for a in site.assessments.values()}
    assert forms == {"基礎項目評価書", "重点項目評価書", "全項目評価書"}
    for mid in site.municipalities:
        assert len(site.by_municipality[mid]) == 3


def test_shaped_like_the_seeds(synth: Path) -> None:
    fulls = [
        p.read_text(encoding="utf-8")
        for p in (synth / "content" / "assessments").rglob("*-full.yaml")
    ]
    assert (
        min(len(f) for f in fulls) > 50_000
    )  # characters: full-form reports are long, as the real ones are
    full = "".join(fulls)
    assert (
        "recipients:" in full and "changes:" in full and "annexes:" in full
    )  # recipient lists, 別紙, change logs
    assert "番号法" in full  # legal citations come from the real sentences
    real_names = ("高槻市", "寝屋川市", "鹿児島市", "足立区")
    texts = "".join(
        p.read_text(encoding="utf-8") for p in (synth / "content" / "assessments").rglob("*.yaml")
    )
    assert not any(name in texts for name in real_names)
    assert (synth / "content" / "registries" / "processes.yaml").read_bytes() == (
        ROOT / "content" / "registries" / "processes.yaml"
    ).read_bytes()


def test_deterministic(synth: Path, tmp_path: Path) -> None:
    synthesize(ROOT, tmp_path / "b", 3, 7, "each")
    assert _files(tmp_path / "b") == _files(synth)
    synthesize(ROOT, tmp_path / "c", 3, 8, "each")
    other = _files(tmp_path / "c")
    mine = _files(synth)
    assert other.keys() != mine.keys() or other != mine
    # a different seed changes the text of every assessment, not just the names
    a = sorted(v for k, v in mine.items() if k.startswith("content/assessments/"))
    b = sorted(v for k, v in other.items() if k.startswith("content/assessments/"))
    assert not set(a) & set(b)


@pytest.mark.slow  # synthesises and validates a large corpus
def test_nation_mix_follows_the_threshold_rule(tmp_path: Path) -> None:
    """The default mix: Japan's population bands, and the form each 対象人数 requires."""
    from generator.linking.checks import check_site

    synthesize(ROOT, tmp_path / "n", 24, 3)
    findings = Findings()
    _corpus, site = prepare(Project.open(tmp_path / "n"), findings)
    check_site(site, findings)
    assert [f.format("en") for f in findings.errors] == []
    assert not [f for f in findings.warnings if f.code.startswith("threshold")]
    forms = [getattr(a.record, "form", "") for a in site.assessments.values()]
    assert set(forms) == {"基礎項目評価書", "重点項目評価書", "全項目評価書"}
    assert forms.count("基礎項目評価書") > len(forms) / 2  # most municipalities are small
    for mid in site.municipalities:  # one assessment per process of the registry
        procs = [site.assessments[d].record.process for d in site.by_municipality[mid]]
        assert sorted(procs) == sorted(site.processes)


def test_population_bands_at_nation_scale() -> None:
    import random

    pops = _populations(1741, random.Random(1))
    for lo, hi, count in POPULATION_BANDS:
        assert sum(lo <= p <= hi for p in pops) == count
    assert [m.population for m in municipalities(1741, 1)][:5] != sorted(pops)[:5]
    rng = random.Random(0)
    assert form_for(5_000, rng) == ("basic", "基礎項目評価の実施が義務付けられる")
    assert form_for(400, rng) == ("basic", "特定個人情報保護評価の実施が義務付けられない")
    assert form_for(450_000, rng)[0] == "full"
    assert {form_for(150_000, random.Random(i))[0] for i in range(200)} == {"focused", "full"}


def test_refuses_project_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(ROOT / "content")
    for target in (ROOT / "content", ROOT / "content" / "assessments", ROOT):
        with pytest.raises(ValueError):
            synthesize(ROOT, target, 1, 1)
        assert (
            main(["--root", str(ROOT), "synth", "--municipalities", "1", "--out", str(target)]) == 2
        )
        assert "content/" in capsys.readouterr().err
    assert _files(ROOT / "content") == before
    # nor into a folder it did not make
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ValueError):
        synthesize(ROOT, tmp_path / "mine", 1, 1)
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "mine" / MARKER).exists()


def test_no_individual_number_is_written() -> None:
    """Joined seed sentences can line up twelve digits that pass the 個人番号 check digit (two
    did at 1,741 municipalities, and validation refused the corpus): the text written is never
    one, and a text without one is written as it is."""
    n = "12345678901"
    n += str(individual_number_check_digit(n))
    text = f"照会番号 {n[:4]}-{n[4:8]}-{n[8:]}、全角{n.translate(str.maketrans('0123456789', '０１２３４５６７８９'))}"
    assert len(find_individual_numbers(text)) == 2
    written = dump({"note": text}, "schema.json")
    assert find_individual_numbers(written) == []
    assert "照会番号 1234-5678-" in written
    assert dump({"note": "電話 03-1234-5678"}, "s.json").endswith("note: 電話 03-1234-5678\n")
