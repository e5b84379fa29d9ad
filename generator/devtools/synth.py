"""``kohyo synth``: a deterministic synthetic corpus shaped like the real assessments.

Each synthetic municipality gets one assessment for each process of the registry.  With the
default mix ``nation``, municipalities get populations distributed like Japan's 1,741 (2020
census bands, scaled to the number asked for) and each assessment has the form the threshold rule
requires for its number of persons (対象人数), a few one rank higher as a municipality may choose:
most small municipalities publish 基礎項目評価書 only, as in the PPC search.  With the mix
``each`` every municipality has one assessment of each form (基礎, 重点, 全項目): the heaviest
corpus, for worst-case measurements.  An assessment is a real converted seed from ``content/assessments/`` used as a
template: the structure (sections, choices, dates, numbering) is kept, every free text (every
``Text`` field of the model) is replaced by Japanese text of about the same length built from
sentences of the real content files, and repeatable lists (recipients, transferees, annex rows,
entrusted work, change logs) get a different number of entries.  The same seed always gives
byte-identical files; nothing is ever written into the project's own ``content/``.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.core.mynumber import individual_number_spans
from generator.devtools.synth_text import Pools, Rewriter, _finish, read_yaml
from generator.model import FORMS
from generator.model.registry import lg_code_check_digit

MARKER = ".kohyo-synth"

# Real seeds used as templates, per form (relative to content/assessments/).
TEMPLATES: dict[str, tuple[str, ...]] = {
    "basic": ("takatsuki/juki-basic.yaml",),
    "focused": ("neyagawa/juki-focused.yaml",),
    "full": (
        "takatsuki/juki-full.yaml",
        "takatsuki/vaccination-full.yaml",
        "kagoshima/juki-full.yaml",
    ),
}
FORM_JA = {"basic": "基礎項目評価書", "focused": "重点項目評価書", "full": "全項目評価書"}
MIXES = ("nation", "each")
# Japan's municipalities by population (2020 census, rounded; the 23 special wards counted as
# municipalities): (smallest, largest, number of municipalities); 1,741 in all.
POPULATION_BANDS: tuple[tuple[int, int, int], ...] = (
    (1_000_000, 3_800_000, 12),
    (500_000, 1_000_000, 25),
    (300_000, 500_000, 50),
    (100_000, 300_000, 180),
    (50_000, 100_000, 245),
    (10_000, 50_000, 700),
    (300, 10_000, 529),
)
# 対象人数 of a process as a share of the population: (low, high).  The resident register keeps
# former residents too; vaccination covers most residents, the COVID-19 measures fewer.
PROCESS_SHARE = {"juki": (1.15, 1.3), "vaccination": (0.6, 1.0), "covid-measures": (0.05, 0.6)}
# A municipality may carry out a heavier assessment than required (取扱者数 500 人以上, a serious
# incident, or by choice): the probability of one rank up.
UPGRADE = 0.08
_BANDS_JA = (
    (1_000, "1,000人未満"),
    (10_000, "1,000人以上1万人未満"),
    (100_000, "1万人以上10万人未満"),
    (300_000, "10万人以上30万人未満"),
)
_RESULT = {
    ("basic", False): "基礎項目評価の実施が義務付けられる",
    ("focused", False): "基礎項目評価及び重点項目評価の実施が義務付けられる",
    ("full", False): "基礎項目評価及び全項目評価の実施が義務付けられる",
}


def population_band(persons: int) -> str:
    """The 対象人数 choice for a number of persons."""
    for bound, label in _BANDS_JA:
        if persons < bound:
            return label
    return "30万人以上"


def form_for(persons: int, rng: random.Random) -> tuple[str, str]:
    """The form the threshold rule requires for ``persons`` (sometimes one rank higher) and the
    threshold result as printed."""
    required = "full" if persons >= 300_000 else "focused" if persons >= 100_000 else "basic"
    rank = ("basic", "focused", "full")
    form = required
    if persons >= 10_000 and required != "full" and rng.random() < UPGRADE:
        form = rank[rank.index(required) + 1]
    if form == required:
        if persons < 1_000:
            return form, "特定個人情報保護評価の実施が義務付けられない"
        return form, _RESULT[(form, False)]
    base = _RESULT[(required, False)]
    return form, f"{base}(任意に{FORM_JA[form][:-1]}を実施)"


PREFECTURES: tuple[tuple[str, str], ...] = (
    ("北海道", "Hokkaido"),
    ("青森県", "Aomori"),
    ("岩手県", "Iwate"),
    ("宮城県", "Miyagi"),
    ("秋田県", "Akita"),
    ("山形県", "Yamagata"),
    ("福島県", "Fukushima"),
    ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"),
    ("群馬県", "Gunma"),
    ("埼玉県", "Saitama"),
    ("千葉県", "Chiba"),
    ("東京都", "Tokyo"),
    ("神奈川県", "Kanagawa"),
    ("新潟県", "Niigata"),
    ("富山県", "Toyama"),
    ("石川県", "Ishikawa"),
    ("福井県", "Fukui"),
    ("山梨県", "Yamanashi"),
    ("長野県", "Nagano"),
    ("岐阜県", "Gifu"),
    ("静岡県", "Shizuoka"),
    ("愛知県", "Aichi"),
    ("三重県", "Mie"),
    ("滋賀県", "Shiga"),
    ("京都府", "Kyoto"),
    ("大阪府", "Osaka"),
    ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"),
    ("和歌山県", "Wakayama"),
    ("鳥取県", "Tottori"),
    ("島根県", "Shimane"),
    ("岡山県", "Okayama"),
    ("広島県", "Hiroshima"),
    ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"),
    ("香川県", "Kagawa"),
    ("愛媛県", "Ehime"),
    ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"),
    ("佐賀県", "Saga"),
    ("長崎県", "Nagasaki"),
    ("熊本県", "Kumamoto"),
    ("大分県", "Oita"),
    ("宮崎県", "Miyazaki"),
    ("鹿児島県", "Kagoshima"),
    ("沖縄県", "Okinawa"),
)
# Place-name parts: (kanji, reading, romaji).  Readings and romaji are unique within each list.
HEADS: tuple[tuple[str, str, str], ...] = (
    ("高", "たか", "taka"),
    ("大", "おお", "o"),
    ("小", "こ", "ko"),
    ("北", "きた", "kita"),
    ("南", "みなみ", "minami"),
    ("東", "ひがし", "higashi"),
    ("西", "にし", "nishi"),
    ("中", "なか", "naka"),
    ("上", "かみ", "kami"),
    ("下", "しも", "shimo"),
    ("新", "にい", "nii"),
    ("古", "ふる", "furu"),
    ("長", "なが", "naga"),
    ("広", "ひろ", "hiro"),
    ("石", "いし", "ishi"),
    ("松", "まつ", "matsu"),
    ("竹", "たけ", "take"),
    ("梅", "うめ", "ume"),
    ("桜", "さくら", "sakura"),
    ("藤", "ふじ", "fuji"),
    ("杉", "すぎ", "sugi"),
    ("柳", "やなぎ", "yanagi"),
    ("青", "あお", "ao"),
    ("赤", "あか", "aka"),
    ("白", "しろ", "shiro"),
    ("黒", "くろ", "kuro"),
    ("金", "かね", "kane"),
    ("銀", "しろがね", "shirogane"),
    ("若", "わか", "waka"),
    ("宮", "みや", "miya"),
    ("神", "かん", "kan"),
    ("寺", "てら", "tera"),
    ("岩", "いわ", "iwa"),
    ("森", "もり", "mori"),
    ("林", "はやし", "hayashi"),
    ("浜", "はま", "hama"),
    ("湊", "みなと", "minato"),
    ("鶴", "つる", "tsuru"),
    ("亀", "かめ", "kame"),
    ("鷹", "たかの", "takano"),
    ("朝", "あさ", "asa"),
    ("夕", "ゆう", "yu"),
    ("日", "ひ", "hi"),
    ("月", "つき", "tsuki"),
    ("星", "ほし", "hoshi"),
)
TAILS: tuple[tuple[str, str, str], ...] = (
    ("川", "かわ", "kawa"),
    ("山", "やま", "yama"),
    ("田", "た", "ta"),
    ("野", "の", "no"),
    ("原", "はら", "hara"),
    ("島", "しま", "shima"),
    ("沢", "さわ", "sawa"),
    ("津", "つ", "tsu"),
    ("浦", "うら", "ura"),
    ("崎", "さき", "saki"),
    ("岡", "おか", "oka"),
    ("谷", "や", "ya"),
    ("井", "い", "i"),
    ("瀬", "せ", "se"),
    ("江", "え", "e"),
    ("木", "ぎ", "gi"),
    ("尾", "お", "o"),
    ("根", "ね", "ne"),
    ("部", "べ", "be"),
    ("見", "み", "mi"),
    ("坂", "ざか", "zaka"),
    ("橋", "はし", "hashi"),
    ("倉", "くら", "kura"),
    ("里", "さと", "sato"),
    ("堀", "ぼり", "bori"),
    ("峰", "みね", "mine"),
    ("代", "しろ", "shiro"),
    ("須", "す", "su"),
    ("波", "なみ", "nami"),
    ("宿", "じゅく", "juku"),
    ("町", "まち", "machi"),
    ("丘", "おか", "oka2"),
    ("台", "だい", "dai"),
    ("関", "ぜき", "zeki"),
    ("泉", "いずみ", "izumi"),
    ("湖", "こ", "ko"),
    ("森", "もり", "mori"),
    ("守", "もり", "mori2"),
    ("城", "しろ", "shiro2"),
    ("館", "だて", "date"),
)
KINDS = (
    ("市", "し", "City", "shi"),
    ("町", "ちょう", "Town", "cho"),
    ("村", "むら", "Village", "mura"),
)


# ------------------------------------------------------------------------------ municipalities
@dataclass(frozen=True)
class SynthMunicipality:
    id: str
    name_ja: str
    name_en: str
    kana: str
    prefecture: tuple[str, str]
    code: str
    population: int

    def yaml(self) -> dict[str, Any]:
        return {
            "name": {"ja": self.name_ja, "en": self.name_en},
            "kana": self.kana,
            "prefecture": {
                "ja": self.prefecture[0],
                "en": f"{self.prefecture[1]} Prefecture"
                if self.prefecture[1] not in ("Hokkaido", "Tokyo")
                else self.prefecture[1],
            },
            "code": self.code,
        }


def municipalities(n: int, seed: int) -> list[SynthMunicipality]:
    """``n`` distinct municipalities spread over the 47 prefectures, in a seed-dependent order."""
    combos = [(h, t, k) for k in range(len(KINDS)) for h in HEADS for t in TAILS]
    if n > len(combos):
        raise ValueError(f"at most {len(combos)} municipalities")
    rng = random.Random(f"kohyo-synth:{seed}:municipalities")
    rng.shuffle(combos)
    populations = _populations(n, random.Random(f"kohyo-synth:{seed}:populations"))
    out = []
    serial: dict[int, int] = {}
    for i, (head, tail, k) in enumerate(combos[:n]):
        pref = i % len(PREFECTURES)
        serial[pref] = serial.get(pref, 200) + 1
        code5 = f"{pref + 1:02d}{serial[pref]:03d}"
        kind = KINDS[k]
        romaji = head[2] + tail[2].rstrip("2")
        out.append(
            SynthMunicipality(
                id=f"{romaji}-{kind[3]}-{code5}",
                name_ja=head[0] + tail[0] + kind[0],
                name_en=f"{romaji.capitalize()} {kind[2]}",
                kana=head[1] + tail[1] + kind[1],
                prefecture=PREFECTURES[pref],
                code=code5 + str(lg_code_check_digit(code5)),
                population=populations[i],
            )
        )
    return out


def _populations(n: int, rng: random.Random) -> list[int]:
    """``n`` populations in Japan's proportions (POPULATION_BANDS), log-uniform within a band,
    in a seed-dependent order; the largest band comes first so a small corpus has a city."""
    total = sum(count for _lo, _hi, count in POPULATION_BANDS)
    bands: list[tuple[int, int]] = []
    for lo, hi, count in POPULATION_BANDS:
        bands += [(lo, hi)] * max(1, round(count * n / total))
    # an even spread over the bands, so the first municipalities of any size cover them all
    step = len(bands) / n
    picked = [bands[int(i * step)] for i in range(n)]
    rng.shuffle(picked)
    return [round(math.exp(rng.uniform(math.log(lo), math.log(hi)))) for lo, hi in picked]


# ------------------------------------------------------------------------------ writing


class _Dumper(yaml.CSafeDumper):
    pass


def no_individual_numbers(text: str) -> str:
    """``text`` with the last digit of every run that passes the 個人番号 check digit changed:
    sentences cut and joined from the seeds can line twelve digits up by chance (at 1,741
    municipalities, twice), and content that holds one is refused by validation, rightly."""
    for _start, end, digits in reversed(individual_number_spans(text)):
        text = text[: end - 1] + str((int(digits[-1]) + 1) % 10) + text[end:]
    return text


def _str_repr(dumper: _Dumper, data: str) -> yaml.Node:
    data = no_individual_numbers(data)
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_repr)


def dump(data: Any, schema: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)
    return f"# yaml-language-server: $schema={schema}\n" + body


def _processes(content: Path) -> list[tuple[str, str]]:
    data = read_yaml(content / "registries" / "processes.yaml")
    return [(p["id"], p["name"]["ja"]) for p in data["processes"]]


def _title(form: str, process_name: str, muni: SynthMunicipality) -> str:
    return f"{muni.name_ja}　{process_name}　{FORM_JA[form]}"


def _plan(
    muni: SynthMunicipality, processes: list[tuple[str, str]], seed: int, mix: str
) -> list[tuple[str, str, str, random.Random, int | None, str]]:
    """(form, process id, process name, random source, 対象人数, threshold result) per assessment."""
    out: list[tuple[str, str, str, random.Random, int | None, str]] = []
    if mix == "each":
        for form in ("basic", "focused", "full"):
            rng = random.Random(f"kohyo-synth:{seed}:{muni.id}:{form}")
            out.append((form, *processes[rng.randrange(len(processes))], rng, None, ""))
        return out
    for process, process_name in processes:
        rng = random.Random(f"kohyo-synth:{seed}:{muni.id}:{process}")
        lo, hi = PROCESS_SHARE.get(process, (0.05, 1.0))
        persons = max(1, round(muni.population * rng.uniform(lo, hi)))
        form, result = form_for(persons, rng)
        out.append((form, process, process_name, rng, persons, result))
    return out


def _set_threshold(record: dict[str, Any], form: str, persons: int, result: str) -> None:
    """The number of persons and the threshold result where the form prints them."""
    band = population_band(persons)
    if form == "basic":
        threshold = record.setdefault("threshold", {})
        threshold["population"] = band + ("（任意実施）" if band == "1,000人未満" else "")
        record["threshold_result"] = result
        return
    process = (record.get("basic_info") or {}).get("process")
    if isinstance(process, dict):  # left empty where the template's source could not be read
        process["population"] = band
    procedure = record.setdefault("procedure", {})
    step = procedure.get("basic_assessment")
    if not isinstance(step, dict):
        step = procedure["basic_assessment"] = {}
    step["threshold_result"] = result


def synthesize(project: Path, out: Path, n: int, seed: int, mix: str = "nation") -> int:
    """Write a complete project folder with ``n`` synthetic municipalities into ``out``; returns files written."""
    content = (project / "content").resolve()
    out = out.resolve()
    if out == content or content in out.parents or out == content.parent or out in content.parents:
        raise ValueError(f"プロジェクトの content/ には書き込みません: {out}")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ValueError(
            f"空でないフォルダには書き込みません（kohyo synth が作ったものを除く）: {out}"
        )
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "registries").mkdir(parents=True)
    if mix not in MIXES:
        raise ValueError(f"--mix は {' / '.join(MIXES)} のどれかです: {mix}")
    (out / MARKER).write_text(f"municipalities={n} seed={seed} mix={mix}\n", encoding="utf-8")
    for registry in sorted(
        (content / "registries").glob("*.yaml")
    ):  # processes.yaml and the link registries
        shutil.copyfile(registry, out / "content" / "registries" / registry.name)
    translations = content / "translations"  # the translation memory, as a real project has it
    if translations.is_dir():
        shutil.copytree(translations, out / "content" / "translations")
    for extra in ("site_config.yml",):
        if (project / extra).exists():
            shutil.copyfile(project / extra, out / extra)
    if (project / "theme").is_dir():
        shutil.copytree(project / "theme", out / "theme")
    pools = Pools.from_content(content)
    templates = {
        form: [read_yaml(content / "assessments" / rel) for rel in rels]
        for form, rels in TEMPLATES.items()
    }
    processes = _processes(content)
    written = 1
    for muni in municipalities(n, seed):
        mdir = out / "content" / "municipalities"
        mdir.mkdir(exist_ok=True)
        (mdir / f"{muni.id}.yaml").write_text(
            dump(muni.yaml(), "../../schema/municipality.schema.json"),
            encoding="utf-8",
            newline="\n",
        )
        written += 1
        adir = out / "content" / "assessments" / muni.id
        adir.mkdir(parents=True)
        for form, process, process_name, rng, persons, result in _plan(muni, processes, seed, mix):
            template = templates[form][rng.randrange(len(templates[form]))]
            model = FORMS[FORM_JA[form]]
            rw = Rewriter(pools, rng, muni.name_ja)
            record = rw.record(model, template)
            record["municipality"] = muni.id
            record["process"] = process
            if isinstance(record.get("cover"), dict):
                record["cover"]["title"] = _title(form, process_name, muni)
            record.pop("source", None)
            record.pop("source_notes", None)
            if persons is not None:
                _set_threshold(record, form, persons, result)
            _finish(record, rw)
            (adir / f"{process}-{form}.yaml").write_text(
                dump(record, "../../../schema/assessment.schema.json"),
                encoding="utf-8",
                newline="\n",
            )
            written += 1
    return written


# ------------------------------------------------------------------------------ command line
def cmd_synth(args: argparse.Namespace) -> int:
    try:
        count = synthesize(
            Path(args.root), Path(args.out), args.municipalities, args.seed, args.mix
        )
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    msg = (
        f"{count} 個のファイルを {args.out}/ に書き出しました"
        if args.lang == "ja"
        else f"wrote {count} files into {args.out}/"
    )
    print(msg)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "synth", help="性能測定用の架空の評価書一式を作ります（content/ には書きません）"
    )
    p.add_argument(
        "--municipalities", type=int, required=True, help="団体の数（各団体に評価書3件）"
    )
    p.add_argument("--seed", type=int, default=0, help="乱数の種（同じ種なら同じ出力）")
    p.add_argument("--out", required=True, help="出力先のプロジェクトフォルダ")
    p.add_argument(
        "--mix",
        choices=MIXES,
        default="nation",
        help="評価書の種類の配分: nation = 全国の人口分布としきい値どおり（既定）、"
        "each = 各団体に基礎・重点・全項目を1件ずつ（最も重い場合）",
    )
    p.set_defaults(func=cmd_synth)
