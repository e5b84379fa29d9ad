"""The citation recogniser on the spellings found in the seeds and the converted content."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.findings import Findings
from generator.linking.citations import Recogniser, to_arabic
from generator.linking.linker import segments
from generator.loading.load import load_file
from generator.model.links import ContractorRegistry, LawRegistry, LegalRef, SystemRegistry
from generator.validation.validate import validate_registry

ROOT = Path(__file__).resolve().parent.parent
REG = ROOT / "content" / "registries"


def _load(name: str) -> object:
    findings = Findings()
    loaded = load_file(REG / name, f"content/registries/{name}", findings)
    assert loaded is not None
    rec = validate_registry(name, loaded, findings)
    assert not findings.errors, [f.format("en") for f in findings]
    return rec


@pytest.fixture(scope="module")
def registries() -> tuple[LawRegistry, SystemRegistry, ContractorRegistry]:
    laws, systems, contractors = (
        _load("laws.yaml"),
        _load("systems.yaml"),
        _load("contractors.yaml"),
    )
    assert isinstance(laws, LawRegistry) and isinstance(systems, SystemRegistry)
    assert isinstance(contractors, ContractorRegistry)
    return laws, systems, contractors


def spans(
    reg: tuple[LawRegistry, SystemRegistry, ContractorRegistry], text: str, muni: str | None = None
) -> list[tuple[str, str]]:
    """(text as written, law/slug or kind:id) of every linked span of a text, line by line."""
    laws, systems, contractors = reg
    session = Recogniser(laws.laws, systems.systems, contractors.contractors, muni).session()
    out: list[tuple[str, str]] = []
    for line in text.split("\n"):
        for sp in session.line(line):
            if sp.kind == "law" and sp.ref is not None:
                out.append((sp.text, f"{sp.ref.law}/{sp.ref.slug()}"))
            elif sp.kind in ("system", "contractor"):
                out.append((sp.text, f"{sp.kind}:{sp.target}"))
    return out


# (text, municipality, expected (as written, target)) — spellings from the seeds and content/
CASES: list[tuple[str, str | None, list[tuple[str, str]]]] = [
    ("番号法第19条第8号", None, [("番号法第19条第8号", "bango/a19-i8")]),
    ("①番号法第19条第8号", None, [("番号法第19条第8号", "bango/a19-i8")]),
    (
        "番号法第19条第8号(特定個人情報の提供の制限)及び同号に基づく主務省令第2条の表",
        None,
        [("番号法第19条第8号", "bango/a19-i8"), ("主務省令第2条の表", "bango-shumu-shorei/ta2")],
    ),
    (
        "番号法第１９条第８号（特定個人情報の提供の制限）及び別表第二",
        None,
        [("番号法第１９条第８号", "bango/a19-i8"), ("別表第二", "bango/t2")],
    ),
    (
        "番号法第19条第7号、第19条第8号及び別表第二",
        None,
        [
            ("番号法第19条第7号", "bango/a19-i7"),
            ("第19条第8号", "bango/a19-i8"),
            ("別表第二", "bango/t2"),
        ],
    ),
    ("番号法第19条第6号（委託先への提供）", None, [("番号法第19条第6号", "bango/a19-i6")]),
    ("番号法第19条第16号", None, [("番号法第19条第16号", "bango/a19-i16")]),
    (
        "番号法第１９条第７号（特定個人情報の提供の制限）及び別表第二",
        None,
        [("番号法第１９条第７号", "bango/a19-i7"), ("別表第二", "bango/t2")],
    ),
    ("住基法第30条の6", None, [("住基法第30条の6", "juki/a30-6")]),
    (
        "住基法第30条の6(市町村長から都道府県知事への本人確認情報の通知等)",
        None,
        [("住基法第30条の6", "juki/a30-6")],
    ),
    ("住基法第7条第8号の2", None, [("住基法第7条第8号の2", "juki/a7-i8-2")]),
    ("住基法第7条8の2号", None, [("住基法第7条8の2号", "juki/a7-i8-2")]),
    ("住基法第7条第8の2号", None, [("住基法第7条第8の2号", "juki/a7-i8-2")]),
    (
        "番号整備法第16条(住基法第7条8の2号)により住民票に記載",
        None,
        [("番号整備法第16条", "bango-seibi/a16"), ("住基法第7条8の2号", "juki/a7-i8-2")],
    ),
    (
        "通知カード(番号法第7条)、個人番号カード(同法第17条)",
        None,
        [("番号法第7条", "bango/a7"), ("同法第17条", "bango/a17")],
    ),
    ("同法第17条第1項", None, []),
    (
        "番号法第7条第1項（指定及び通知）及び番号省令第7条",
        None,
        [("番号法第7条第1項", "bango/a7-p1"), ("番号省令第7条", "bango-shorei/a7")],
    ),
    ("番号法第7条第2項の規定に基づき", None, [("番号法第7条第2項", "bango/a7-p2")]),
    (
        "番号法第3条第1項（基本理念）及び第8条（個人番号とすべき番号の生成）",
        None,
        [("番号法第3条第1項", "bango/a3-p1"), ("第8条", "bango/a8")],
    ),
    ("番号法第16条に基づき", None, [("番号法第16条", "bango/a16")]),
    ("番号法附則第6条1項", None, [("番号法附則第6条1項", "bango/s-a6-p1")]),
    (
        "住基法(昭和42年法律第81号)\n・第5条(住民基本台帳の備付け)\n・第6条(住民基本台帳の作成)\n・第30条の12(通知都道府県以外)",
        None,
        [
            ("住基法", "juki/"),
            ("第5条", "juki/a5"),
            ("第6条", "juki/a6"),
            ("第30条の12", "juki/a30-12"),
        ],
    ),
    (
        "住基法第5条、第6条及び第7条",
        None,
        [("住基法第5条", "juki/a5"), ("第6条", "juki/a6"), ("第7条", "juki/a7")],
    ),
    (
        "住民基本台帳法（住基法）（昭和４２年７月２５日法律第８１号）\n・第１２条の４（本人等の請求に係る住民票の写しの交付の特例）",
        None,
        [("住民基本台帳法", "juki/"), ("住基法", "juki/"), ("第１２条の４", "juki/a12-4")],
    ),
    ("住基法第14条第1項", None, [("住基法第14条第1項", "juki/a14-p1")]),
    ("住基法第７条第４号に規定する事項", None, [("住基法第７条第４号", "juki/a7-i4")]),
    (
        "住民基本台帳法施行令第34条第3項(保存)に定める期間(150年間)",
        None,
        [("住民基本台帳法施行令第34条第3項", "juki-rei/a34-p3")],
    ),
    (
        "住基法施行令第８条（住民票の消除）、第８条の２",
        None,
        [("住基法施行令第８条", "juki-rei/a8"), ("第８条の２", "juki-rei/a8-2")],
    ),
    ("住民基本台帳法施工令第34条", None, [("住民基本台帳法施工令第34条", "juki-rei/a34")]),
    ("住基法施行令第30条の５", None, [("住基法施行令第30条の５", "juki-rei/a30-5")]),
    (
        "通知カード及び個人番号カード省令第35条(通知カード、個人番号カード関連事務の委任)",
        None,
        [("通知カード及び個人番号カード省令第35条", "bango-shorei/a35")],
    ),
    (
        "番号省令第２３条の２（個人番号通知書及び個人番号カードに関し機構が処理する事務）",
        None,
        [("番号省令第２３条の２", "bango-shorei/a23-2")],
    ),
    ("個人番号省令第23条の2に基づき", None, [("個人番号省令第23条の2", "bango-shorei/a23-2")]),
    (
        "番号省令第２３条の２、第３６条",
        None,
        [("番号省令第２３条の２", "bango-shorei/a23-2"), ("第３６条", "bango-shorei/a36")],
    ),
    ("番号法第9条", None, [("番号法第9条", "bango/a9")]),
    (
        "番号法第9条 別表第1の16項",
        None,
        [("番号法第9条", "bango/a9"), ("別表第1の16項", "bango/t1-r16")],
    ),
    ("番号法別表第一7の項", None, [("番号法別表第一7の項", "bango/t1-r7")]),
    ("番号法別表第一61の2の項", None, [("番号法別表第一61の2の項", "bango/t1-r61-2")]),
    ("番号法別表第2の85の2項", None, [("番号法別表第2の85の2項", "bango/t2-r85-2")]),
    ("別表第二 85の2", None, [("別表第二 85の2", "bango/t2-r85-2")]),
    (
        "①番号法第19条第8号、別表第2の16の2、17、18、19、115の2の項",
        None,
        [
            ("番号法第19条第8号", "bango/a19-i8"),
            ("別表第2の16の2", "bango/t2-r16-2"),
            ("17", "bango/t2-r17"),
            ("18", "bango/t2-r18"),
            ("19", "bango/t2-r19"),
            ("115の2の項", "bango/t2-r115-2"),
        ],
    ),
    (
        "市区町村長（別表第2の16の2）、都道府県知事（別表第2の16の3）",
        None,
        [("別表第2の16の2", "bango/t2-r16-2"), ("別表第2の16の3", "bango/t2-r16-3")],
    ),
    (
        "番号法第19条別表第2の第1欄に掲げる者",
        None,
        [("番号法第19条", "bango/a19"), ("別表第2", "bango/t2")],
    ),
    ("主務省令第2条の表 75", None, [("主務省令第2条の表 75", "bango-shumu-shorei/ta2-r75")]),
    (
        "主務省令第2条の表における情報提供の根拠)\n第三欄(情報提供者)が「市町村長」の項のうち、「住民票関係情報」が含まれる項(1、2、3、5の項)",
        None,
        [
            ("主務省令第2条の表", "bango-shumu-shorei/ta2"),
            ("1", "bango-shumu-shorei/ta2-r1"),
            ("2", "bango-shumu-shorei/ta2-r2"),
            ("3", "bango-shumu-shorei/ta2-r3"),
            ("5", "bango-shumu-shorei/ta2-r5"),
        ],
    ),
    (
        "番号法別表第二の主務省令で定める事務及び情報を定める命令第12条の2、第12条の3、第59条の2",
        None,
        [
            (
                "番号法別表第二の主務省令で定める事務及び情報を定める命令第12条の2",
                "bango-beppyo2-shorei/a12-2",
            ),
            ("第12条の3", "bango-beppyo2-shorei/a12-3"),
            ("第59条の2", "bango-beppyo2-shorei/a59-2"),
        ],
    ),
    (
        "(2)別表第2省令\n・第1条、第2条",
        None,
        [
            ("別表第2省令", "bango-beppyo2-shorei/"),
            ("第1条", "bango-beppyo2-shorei/a1"),
            ("第2条", "bango-beppyo2-shorei/a2"),
        ],
    ),
    (
        "児童手当法第十七条第一項の表の下欄に掲げる者",
        None,
        [("児童手当法第十七条第一項", "jido-teate/a17-p1")],
    ),
    (
        "公営住宅法第二条第十六号に規定する事業主体",
        None,
        [("公営住宅法第二条第十六号", "koei-jutaku/a2-i16")],
    ),
    (
        "公営住宅法第2条第16号に規定する事業主体",
        None,
        [("公営住宅法第2条第16号", "koei-jutaku/a2-i16")],
    ),
    (
        "平成8年法律第82号 附則第32条第2項に規定する存続組合",
        None,
        [("平成8年法律第82号 附則第32条第2項", "kosei-nenkin-kaisei-h8/s-a32-p2")],
    ),
    (
        "平成八年法律第八十二号附則第四十八条第一項に規定する指定基金",
        None,
        [("平成八年法律第八十二号附則第四十八条第一項", "kosei-nenkin-kaisei-h8/s-a48-p1")],
    ),
    (
        "予防接種法第6条第1項及び附則第7条に基づき",
        None,
        [("予防接種法第6条第1項", "yobo/a6-p1"), ("附則第7条", "yobo/s-a7")],
    ),
    ("予防接種法施行令第6条の2", None, [("予防接種法施行令第6条の2", "yobo-rei/a6-2")]),
    (
        "特定個人情報保護評価に関する規則第9条第2項の規定（緊急時の事後評価）",
        None,
        [("特定個人情報保護評価に関する規則第9条第2項", "pia-rules/a9-p2")],
    ),
    (
        "高槻市個人情報保護条例第23条の2第1項",
        "takatsuki",
        [("高槻市個人情報保護条例第23条の2第1項", "takatsuki-kojin-jorei/a23-2-p1")],
    ),
    (
        "高槻市個人情報保護条例第10条第2項第5号",
        "takatsuki",
        [("高槻市個人情報保護条例第10条第2項第5号", "takatsuki-kojin-jorei/a10-p2-i5")],
    ),
    ("条例別表第一1の項", "takatsuki", [("条例別表第一1の項", "takatsuki-bango-jorei/t1-r1")]),
    (
        "番号利用条例別表第2の14項",
        "kagoshima",
        [("番号利用条例別表第2の14項", "kagoshima-bango-jorei/t2-r14")],
    ),
    ("番号利用条例第3条", "kagoshima", [("番号利用条例第3条", "kagoshima-bango-jorei/a3")]),
    ("住基ネット", None, [("住基ネット", "system:juki-net")]),
    (
        "住民基本台帳ネットワークシステム",
        None,
        [("住民基本台帳ネットワークシステム", "system:juki-net")],
    ),
    (
        "中間サーバー・プラットフォーム",
        None,
        [("中間サーバー・プラットフォーム", "system:chukan-server")],
    ),
    ("富士通株式会社", None, [("富士通株式会社", "contractor:fujitsu")]),
    # must NOT match (or not as a citation of a law)
    ("改正番号法の施行", None, []),
    ("規則第6条の規定に基づいた書類", None, []),
    ("規則（以下、「規則」という。）第1条第1項", None, []),
    ("第9条（市区町村の責任）に則し", None, []),
    ("第30条の45に規定する区分", None, []),
    ("法30条45規定区分", None, []),
    ("平成25年法律第27号", None, []),
    ("第三欄（情報提供者）", None, []),
    ("条例別表第一1の項", "kagoshima", []),
    ("番号利用条例第3条", "takatsuki", []),
    ("鹿児島市の市民参画を推進する条例", "takatsuki", []),
    ("別紙1の第2欄", None, []),
    ("住基ネットワーク", None, []),
    ("１、２、３の項", None, []),
]


@pytest.mark.parametrize(("text", "muni", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_recognises(
    registries: tuple[LawRegistry, SystemRegistry, ContractorRegistry],
    text: str,
    muni: str | None,
    expected: list[tuple[str, str]],
) -> None:
    assert spans(registries, text, muni) == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if not c[2]) >= 10  # strings that must not match


def test_kanji_and_fullwidth_numerals() -> None:
    assert [
        to_arabic(x) for x in ("１９", "十七", "百十五", "八十二", "四十八", "二百三十八", "一〇五")
    ] == ["19", "17", "115", "82", "48", "238", "105"]


def test_links_never_nest_and_keep_text(
    registries: tuple[LawRegistry, SystemRegistry, ContractorRegistry],
) -> None:
    laws, systems, contractors = registries
    rec = Recogniser(laws.laws, systems.systems, contractors.contractors)
    line = "番号法第19条第8号（住基ネット経由）及び同法第9条"
    segs = segments(line, rec.session().line(line))
    assert "".join(s for s, _ in segs) == line
    assert [(s, h) for s, h in segs if h] == [
        ("番号法第19条第8号", "laws/bango/a19-i8/"),
        ("住基ネット", "systems/juki-net/"),
        ("同法第9条", "laws/bango/a9/"),
    ]


def test_english_titles() -> None:
    ref = LegalRef(law="bango", article="19", item="8")
    assert ref.label_en() == "Article 19, item (viii)"
    assert ref.label_ja() == "第19条第8号"
    assert ref.egov_anchor() == "Mp-At_19-Pr_1-It_8"
    assert LegalRef(law="juki", article="30の6").label_en() == "Article 30-6"
    assert LegalRef(law="juki", article="30の6").egov_anchor() == "Mp-At_30_6"
    assert LegalRef(law="juki", article="7", item="8の2").label_ja() == "第7条第8号の2"
    assert (
        LegalRef(law="bango", article="9", paragraph="1").label_en() == "Article 9, paragraph (1)"
    )
    assert (
        LegalRef(law="bango", table="別表第二", row="85の2").label_en()
        == "Appended Table 2, row 85-2"
    )


def test_trie_pattern_matches_what_the_longest_first_alternation_matches(
    registries: tuple[LawRegistry, SystemRegistry, ContractorRegistry],
) -> None:
    """The names' trie finds the same spans as the plain alternation of the names, longest
    first, which it replaced: over the registries' real names and random lines made of their
    characters (shared prefixes such as 住民基本台帳法 / 住民基本台帳法施行令, names inside names)."""
    import random
    import re

    from generator.core.trie import trie_pattern

    laws, systems, contractors = registries
    words = {w for law in laws.laws for w in [law.name.ja, *law.aliases] if w}
    entities = [*systems.systems, *contractors.contractors]
    words |= {w for e in entities for w in [e.name.ja, *e.aliases] if w}
    words |= {"a", "ab", "abc", "a.b", "x(y)"}
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda s: (-len(s), s))))
    trie = re.compile(trie_pattern(words))
    rng = random.Random(7)
    pool = sorted(words)
    chars = sorted({c for w in words for c in w})
    for _ in range(3000):
        parts = [rng.choice(pool) if rng.random() < 0.5 else rng.choice(chars) for _ in range(6)]
        line = "".join(p[: rng.randint(1, len(p))] if rng.random() < 0.3 else p for p in parts)
        assert [m.span() for m in trie.finditer(line)] == [m.span() for m in plain.finditer(line)]
    assert trie_pattern([]) == ""


def test_trie_pattern_takes_any_name_content_can_give() -> None:
    """A name from content can be a thousand characters long, or one of many names each one
    character longer than the last (a hostile pull request made both): the pattern compiles, and
    it still matches what the alternation of the names, longest first, matches."""
    import re

    from generator.core.trie import trie_pattern

    cases = [
        ["ア" * i for i in range(1, 600)],  # nests past the limit: written as the alternation
        ["長" * 5000, "長" * 4000 + "短"],  # one long literal each
        ["x" * i for i in range(1, 40)],  # nests, within the limit
    ]
    for words in cases:
        trie = re.compile(trie_pattern(words))
        plain = re.compile(
            "|".join(re.escape(w) for w in sorted(words, key=lambda s: (-len(s), s)))
        )
        for line in ["ア" * 700 + "イア", "長" * 4500 + "短長", "x" * 45 + "yxx", "アx長"]:
            assert [m.span() for m in trie.finditer(line)] == [
                m.span() for m in plain.finditer(line)
            ]
