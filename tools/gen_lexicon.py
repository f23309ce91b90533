#!/usr/bin/env python3
"""Generate the data-driven part of the newskg actor lexicon.

Writes, deterministically (same inputs -> byte-identical files):
  ontology/lexicon/countries.ttl      all countries of ../shared/data/countries.tsv
  ontology/lexicon/threat-groups.ttl  all MITRE ATT&CK groups of threat_groups.tsv

Inputs:
  <data>/countries.tsv, <data>/threat_groups.tsv   (verified facts: ISO, QID, ATT&CK)
  tools/icu_country_names.c                         Arabic country names from ICU/CLDR
  tools/lexicon/states-extra.tsv                    hand-written Arabic forms of states
  tools/lexicon/groups-ar.tsv                       Arabic names of well-known groups
  tools/lexicon/groups-extra.tsv                    groups ATT&CK does not list

Usage: python3 tools/gen_lexicon.py [--data DIR] [--out DIR] [--check]
  --data   directory holding countries.tsv and threat_groups.tsv
           (default: $NEWSKG_DATA or ../shared/data next to the repository)
  --out    output directory (default: ontology/lexicon in the repository)
  --check  do not write; exit 1 if a generated file would change
Always verifies that no entity IRI is described in two places under the output
directory (generated and hand-written files alike).

Python 3 standard library only; needs gcc, pkg-config and libicu-dev.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(REPO, "tools")
HAND = os.path.join(TOOLS, "lexicon")

PREFIXES = """\
@prefix nkg:  <https://w3id.org/newskg/ontology#> .
@prefix nkge: <https://w3id.org/newskg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd:   <http://www.wikidata.org/entity/> .
"""

ENTITY_NS = "https://w3id.org/newskg/entity/"

# Arabic transliterations generated for every "APTnn" alias (nn = the number).
APT_PATTERNS_LATIN = ["APT {n}"]
APT_PATTERNS_AR = [
    "ايه بي تي {n}",
    "إيه بي تي {n}",
    "أدفانسد برسيستانت ثريت {n}",
    "أدفانسد بيرسيستنت ثريت {n}",
    "ادفانسد بيرزيستنت ثريت {n}",
]


# --------------------------------------------------------------------------- helpers

def slugify(name):
    """Lower-case ASCII slug: letters, digits and '-'."""
    s = unicodedata.normalize("NFKD", name)
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    s = s.replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not s:
        raise ValueError("cannot make a slug from %r" % name)
    return s


def iri_term(slug):
    """Prefixed name, or a full IRI when the local part starts with a digit."""
    if slug[0].isdigit():
        return "<%s%s>" % (ENTITY_NS, slug)
    return "nkge:" + slug


def lit(text, lang=None):
    esc = (text.replace("\\", "\\\\").replace('"', '\\"')
           .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return '"%s"' % esc + ("@" + lang if lang else "")


def is_arabic(text):
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def split_list(cell):
    return [x.strip() for x in cell.split("|") if x.strip()] if cell else []


def uniq(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def read_tsv(path, comments=True):
    """Rows of a TSV with a header line; '#' lines are comments."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or (comments and line.startswith("#")):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def form_objects(forms):
    """nkg:form objects: Arabic forms @ar, Latin forms without a language tag."""
    return [lit(f, "ar") if is_arabic(f) else lit(f) for f in uniq(forms)]


def write_entity(out, subject, cls, props):
    """props: list of (predicate, [object terms]); empty lists are skipped."""
    props = [(p, objs) for p, objs in props if objs]
    out.append("%s a %s" % (subject, cls))
    for p, objs in props:
        if len(objs) == 1:
            out.append(" ;\n    %s %s" % (p, objs[0]))
        else:
            out.append(" ;\n    %s\n        %s" % (p, " ,\n        ".join(objs)))
    out.append(" .\n\n")


# --------------------------------------------------------------------------- ICU

def icu_names(codes):
    """ISO2 -> Arabic name from ICU/CLDR, by compiling and running the C helper."""
    src = os.path.join(TOOLS, "icu_country_names.c")
    tmp = tempfile.mkdtemp(prefix="newskg-icu-")
    try:
        exe = os.path.join(tmp, "icu_country_names")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc", "icu-i18n"],
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["gcc", "-O2", "-o", exe, src] + flags, check=True)
        res = subprocess.run([exe], input="".join(c + "\n" for c in codes),
                             check=True, capture_output=True, text=True, encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    names = {}
    for line in res.stdout.splitlines():
        code, _, name = line.partition("\t")
        names[code] = name
    return names


def forms_from_icu(name):
    """Match forms derived from a CLDR display name.

    "ميانمار (بورما)" -> ميانمار, بورما ; "الكونغو - برازافيل" -> "الكونغو برازافيل"."""
    out = []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:
        out.append(m.group(1))
        inner = m.group(2)
        if "منطقة" not in inner:          # skip "(منطقة إدارية خاصة)"-style notes
            out.append(inner)
    else:
        out.append(name)
    return [re.sub(r"\s+-\s+", " ", f).strip() for f in out if f.strip()]


# --------------------------------------------------------------------------- countries

def derived_nisba(name):
    """The nisba stem of a one-word state name, by the regular pattern, or None.

    ألبانيا -> ألباني, كندا -> كندي, السنغال -> سنغالي. Names ending in ي, و or ة
    (مالي, توغو) are irregular or equal to their nisba: none is guessed. Hand-written
    stems in states-extra.tsv take precedence."""
    if not name or " " in name or "-" in name or not is_arabic(name):
        return None
    if name.startswith("ال") and len(name) >= 5:
        name = name[2:]
    if name[-1] in "يوةى":
        return None
    if name.endswith("يا"):
        return name[:-1]
    if name.endswith("ا"):
        return name[:-1] + "ي"
    return name + "ي"


def gen_countries(data_dir):
    rows = read_tsv(os.path.join(data_dir, "countries.tsv"), comments=False)
    extra = {r["iso2"]: r for r in read_tsv(os.path.join(HAND, "states-extra.tsv"))}
    iso2_codes = [r["iso2"] for r in rows if re.fullmatch(r"[A-Z]{2}", r["iso2"])]
    ar = icu_names(sorted(iso2_codes))

    missing = sorted(set(extra) - {r["iso2"] for r in rows})
    if missing:
        sys.exit("states-extra.tsv: codes not in countries.tsv: %s" % ", ".join(missing))

    entities = {}
    slug_of_iso = {}
    for r in rows:
        code = r["iso2"]
        slug = slugify(r["name_en"])
        if slug in entities:
            sys.exit("countries.tsv: duplicate slug %s" % slug)
        x = extra.get(code, {})
        label_ar = (x.get("label_ar") or "").strip() or ar.get(code, "")
        if not label_ar:
            sys.exit("no Arabic name for %s (%s): add label_ar to states-extra.tsv"
                     % (code, r["name_en"]))
        forms = []
        if ar.get(code):
            forms += forms_from_icu(ar[code])
        if x.get("label_ar"):
            forms.append(x["label_ar"])
        forms += split_list(x.get("forms"))
        props = [
            ("rdfs:label", [lit(r["name_en"], "en"), lit(label_ar, "ar")]),
            ("owl:sameAs", ["wd:" + r["qid"]] if re.fullmatch(r"Q\d+", r["qid"]) else []),
            ("nkg:isoCode", [lit(code)]),
            ("nkg:form", form_objects(forms)),
            ("nkg:capitalForm", form_objects(split_list(x.get("capital_forms")))),
            ("nkg:adjectiveForm", form_objects(split_list(x.get("adjective_forms")) or
                                               [n for n in [derived_nisba(forms[0] if forms else "")] if n])),
        ]
        entities[slug] = props
        slug_of_iso[code] = slug

    out = [PREFIXES, "\n"]
    out.append("# GENERATED by tools/gen_lexicon.py -- do not edit by hand.\n"
               "# Countries: ISO codes, Wikidata QIDs and English names from countries.tsv;\n"
               "# rdfs:label@ar and the first forms from ICU/CLDR (uloc_getDisplayCountry);\n"
               "# further forms, capitals and nisba stems from tools/lexicon/states-extra.tsv;\n"
               "# for other one-word names a nisba stem by the regular pattern (derived_nisba).\n\n")
    for slug in sorted(entities):
        write_entity(out, iri_term(slug), "nkg:State", entities[slug])
    return "".join(out), slug_of_iso, len(entities)


# --------------------------------------------------------------------------- threat groups

def taken_slugs():
    """IRIs used by the hand-written lexicon files (to avoid collisions)."""
    taken = set()
    for fn in ("organizations.ttl", "products.ttl"):
        path = os.path.join(REPO, "ontology", "lexicon", fn)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            taken.update(re.findall(r"^nkge:([a-z0-9-]+)\s+a\s", text, re.M))
            taken.update(re.findall(r"^<%s([a-z0-9-]+)>\s+a\s" % re.escape(ENTITY_NS), text, re.M))
    return taken


def apt_forms(aliases):
    latin, arabic = [], []
    for a in aliases:
        m = re.fullmatch(r"APT\s*(\d+)", a, re.I)
        if m:
            n = str(int(m.group(1)))
            latin += [p.format(n=n) for p in APT_PATTERNS_LATIN]
            arabic += [p.format(n=n) for p in APT_PATTERNS_AR]
    return latin, arabic


def gen_groups(data_dir, slug_of_iso, country_slugs):
    rows = read_tsv(os.path.join(data_dir, "threat_groups.tsv"), comments=False)
    ar = {r["attack_id"]: r for r in read_tsv(os.path.join(HAND, "groups-ar.tsv"))}
    extra = read_tsv(os.path.join(HAND, "groups-extra.tsv"))
    known_ids = {r["attack_id"] for r in rows}
    unknown = sorted(set(ar) - known_ids)
    if unknown:
        sys.exit("groups-ar.tsv: ATT&CK ids not in threat_groups.tsv: %s" % ", ".join(unknown))

    taken = set(country_slugs) | taken_slugs()
    groups = []
    for r in rows:
        h = ar.get(r["attack_id"], {})
        groups.append(dict(name=r["name"], attack_id=r["attack_id"],
                           aliases=split_list(r["aliases"]) + split_list(h.get("extra_latin_aliases")),
                           country=r["country_iso2"].strip(),
                           label_ar=(h.get("label_ar") or "").strip(),
                           forms_ar=split_list(h.get("arabic_forms"))))
    for r in extra:
        groups.append(dict(name=r["name"], attack_id="",
                           aliases=split_list(r["aliases"]),
                           country=r["country_iso2"].strip(),
                           label_ar=(r.get("label_ar") or "").strip(),
                           forms_ar=split_list(r.get("arabic_forms"))))

    entities = {}
    for g in groups:
        slug = slugify(g["name"])
        if slug in taken or slug in entities:
            slug += "-group"
        if slug in taken or slug in entities:
            sys.exit("threat group slug collision: %s" % slug)
        aliases = uniq(a for a in g["aliases"] if a != g["name"])
        latin = [g["name"]] + aliases
        apt_latin, apt_ar = apt_forms(latin)
        label_ar = g["label_ar"] or g["name"]
        arabic = ([g["label_ar"]] if g["label_ar"] else []) + g["forms_ar"] + apt_ar
        sponsor = []
        if g["country"]:
            if g["country"] not in slug_of_iso:
                sys.exit("group %s: unknown country %s" % (g["name"], g["country"]))
            sponsor = [iri_term(slug_of_iso[g["country"]])]
        # Latin forms compare case-folded: drop case-only duplicates.
        seen, latin_forms = set(), []
        for f in latin + apt_latin:
            if f.casefold() not in seen:
                seen.add(f.casefold())
                latin_forms.append(f)
        props = [
            ("rdfs:label", [lit(g["name"], "en"), lit(label_ar, "ar")]),
            ("skos:altLabel", [lit(a, "en") for a in aliases]),
            ("nkg:attackId", [lit(g["attack_id"])] if g["attack_id"] else []),
            ("nkg:sponsor", sponsor),
            ("nkg:form", form_objects(latin_forms + arabic)),
        ]
        entities[slug] = props

    out = [PREFIXES, "\n"]
    out.append("# GENERATED by tools/gen_lexicon.py -- do not edit by hand.\n"
               "# Threat groups: names, aliases, ATT&CK ids and sponsor countries from\n"
               "# threat_groups.tsv (MITRE ATT&CK); Arabic names from tools/lexicon/groups-ar.tsv;\n"
               "# groups ATT&CK does not list from tools/lexicon/groups-extra.tsv.\n"
               "# APTnn aliases also get \"APT nn\" and Arabic transliterations.\n\n")
    for slug in sorted(entities):
        write_entity(out, iri_term(slug), "nkg:ThreatGroup", entities[slug])
    return "".join(out), len(entities)


# --------------------------------------------------------------------------- checks

SUBJECT_RE = re.compile(r"^(nkge:[A-Za-z0-9_-]+|<%s[^>]*>)\s+a\s" % re.escape(ENTITY_NS), re.M)


def duplicate_subjects(texts):
    """texts: {file name: Turtle text}. Returns messages for IRIs described twice."""
    where, problems = {}, []
    for fn in sorted(texts):
        for m in SUBJECT_RE.finditer(texts[fn]):
            term = m.group(1)
            iri = ENTITY_NS + term[5:] if term.startswith("nkge:") else term[1:-1]
            line = texts[fn].count("\n", 0, m.start()) + 1
            if iri in where:
                problems.append("%s:%d: %s already described at %s" % (fn, line, iri, where[iri]))
            else:
                where[iri] = "%s:%d" % (fn, line)
    return problems, len(where)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_data = os.environ.get("NEWSKG_DATA") or os.path.join(
        os.path.dirname(REPO), "shared", "data")
    if not os.path.isdir(default_data):
        default_data = "/work/shared/data"
    ap.add_argument("--data", default=default_data)
    ap.add_argument("--out", default=os.path.join(REPO, "ontology", "lexicon"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    countries, slug_of_iso, n_c = gen_countries(args.data)
    groups, n_g = gen_groups(args.data, slug_of_iso, set(slug_of_iso.values()))

    changed = []
    for fn, text in (("countries.ttl", countries), ("threat-groups.ttl", groups)):
        path = os.path.join(args.out, fn)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old == text:
            continue
        changed.append(fn)
        if not args.check:
            os.makedirs(args.out, exist_ok=True)
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.replace(tmp, path)
    texts = {"countries.ttl": countries, "threat-groups.ttl": groups}
    if os.path.isdir(args.out):
        for fn in os.listdir(args.out):
            if fn.endswith(".ttl") and fn not in texts:
                with open(os.path.join(args.out, fn), encoding="utf-8") as f:
                    texts[fn] = f.read()
    problems, n_iris = duplicate_subjects(texts)
    for p in problems:
        print(p, file=sys.stderr)
    print("countries: %d, threat groups: %d; %s" % (
        n_c, n_g, ("changed: " + ", ".join(changed)) if changed else "unchanged"),
        file=sys.stderr)
    print("%d entity IRIs in %d lexicon files, %d described twice" % (
        n_iris, len(texts), len(problems)), file=sys.stderr)
    if problems or (args.check and changed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
