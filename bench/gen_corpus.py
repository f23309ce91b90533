#!/usr/bin/python3
"""Generate an archive of Arabic cyber-incident news for newskg's benchmarks.

Each generated article is recombined from the sentences of the real articles in
../shared/corpus (read at run time, never copied into the repository): one real
article is the spine (its title and runs of its sentences, in order), and a few
sentences of other articles are mixed in.  Every actor and incident mention
found through the lexicon (ontology/lexicon/*.ttl) is replaced by another entry
of the same kind, with one mapping per article: China -> Iran turns every
الصين into إيران, الصينية into الإيرانية, بكين into طهران; a threat group
becomes another group, a company another company, a malware another malware.
Years are shifted to the article's date.  The output is deterministic: the
same arguments give byte-identical files.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

PROG = "gen_corpus"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared")

# ---------------------------------------------------------------- errors


class UsageError(Exception):
    """A problem with the arguments or inputs: one line on stderr, exit 2."""


def die(msg):
    print(f"{PROG}: {msg}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- normalisation

# The same folding newskg's matcher applies (DESIGN.md): tashkeel and tatweel
# removed, alef forms to ا, ى to ي, ة to ه, Latin case-folded.  Used for
# matching only; the text written keeps the spelling of the source.
_FOLD = {c: None for c in range(0x064B, 0x0660)}
_FOLD.update({0x0670: None, 0x0640: None})
_FOLD.update({ord(c): "ا" for c in "أإآٱ"})
_FOLD.update({ord("ى"): "ي", ord("ة"): "ه"})


def norm(s):
    return s.translate(_FOLD).lower()


# A word: letters, digits and the marks inside Arabic words.  Hyphens and
# spaces separate words ("Storm-0558" is two, as "APT 40" is).
_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u0621-\u065F\u0660-\u0669\u066E-\u06D3\u0640]+")


def words(s):
    return [norm(m.group()) for m in _WORD.finditer(s)]


# Clitics that may stand before a name (و ف ب ل ك and pairs of them); ال is
# part of a name's form or, for nisbas, handled on its own.
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")

# Nisba endings after the stem (which ends in ي): masc/fem, dual, plural.
# Written in folded form; "ه" is the folded ة.
NISBA_SUFFIXES = ("تين", "تان", "ين", "ون", "ان", "ات", "ه", "")
NISBA_SURFACE = {"ه": "ة"}


def splits(token):
    """(clitics, rest) for each reading of a folded token as clitics + a word.

    ل + الصين is written للصين: after a ل clitic a word starting with ل may be
    a name with its alef dropped, so that reading gives "ال..." back.
    """
    for p in CLITICS:
        if token.startswith(p) and len(token) > len(p) + 1:
            rest = token[len(p):]
            yield p, rest
            if p.endswith("ل") and rest.startswith("ل"):
                yield p, "ا" + rest


def attach(prefix, word):
    """The clitic prefix and a word as Arabic writes them together (ل + ال -> لل)."""
    if prefix.endswith("ل") and word.startswith("ال"):
        return prefix + word[1:]
    return prefix + word


# ---------------------------------------------------------------- the lexicon

KINDS = ("State", "Organization", "Company", "GovernmentBody", "ThreatGroup",
         "Person", "Product", "Malware")
NKG = "https://w3id.org/newskg/ontology#"


@dataclass
class Entity:
    iri: str
    kind: str
    label_ar: str = ""
    label_en: str = ""
    forms_ar: list = field(default_factory=list)
    forms_latin: list = field(default_factory=list)
    capitals: list = field(default_factory=list)
    nisbas: list = field(default_factory=list)
    parent: str = ""          # partOf (body, person), sponsor (group), vendor (product)
    acts_alone: bool = False

    # what a mention of this entity is rewritten to, when it is a target
    def name(self, latin=False, short=False):
        if latin and self.forms_latin:
            return self.latin_name
        if short and self.short_ar:
            return self.short_ar
        return self.label_ar

    def finish(self):
        """Fix the order of forms (sets from rdflib) and the forms used for output."""
        self.forms_ar.sort()
        self.forms_latin.sort()
        self.capitals.sort()
        self.nisbas.sort()
        if self.label_ar in self.forms_ar:
            self.forms_ar.remove(self.label_ar)
        self.forms_ar.insert(0, self.label_ar)
        en = [f for f in self.forms_latin if f.lower() == self.label_en.lower()]
        self.latin_name = en[0] if en else (self.forms_latin[0] if self.forms_latin else "")
        # a one-word form for mentions by surname ("بلينكن") or a product
        # named without its vendor ("إكستشينج"): the label's last word if it is
        # a form, else the first one-word form
        singles = [f for f in self.forms_ar[1:] if len(words(f)) == 1]
        last = self.label_ar.split()[-1]
        if len(words(self.label_ar)) < 2 or not singles:
            self.short_ar = ""
        else:
            self.short_ar = last if last in singles else singles[0]


def load_lexicon(lexdir):
    try:
        import rdflib
    except ImportError:
        raise UsageError("rdflib is missing: run /usr/bin/python3 (Debian python3-rdflib)")
    files = sorted(f for f in os.listdir(lexdir) if f.endswith(".ttl"))
    if not files:
        raise UsageError(f"no lexicon files (*.ttl) in {lexdir}")
    g = rdflib.Graph()
    for f in files:
        g.parse(os.path.join(lexdir, f), format="turtle")
    ns = rdflib.Namespace(NKG)
    rdfs_label = rdflib.RDFS.label
    ents = {}
    for kind in KINDS:
        for s in g.subjects(rdflib.RDF.type, ns[kind]):
            e = Entity(str(s), kind)
            for lab in g.objects(s, rdfs_label):
                if lab.language == "ar":
                    e.label_ar = str(lab)
                elif lab.language == "en":
                    e.label_en = str(lab)
            for f in g.objects(s, ns.form):
                (e.forms_ar if f.language == "ar" else e.forms_latin).append(str(f))
            e.capitals = [str(c) for c in g.objects(s, ns.capitalForm)]
            e.nisbas = [str(a) for a in g.objects(s, ns.adjectiveForm)]
            for p in (ns.partOf, ns.sponsor, ns.vendor):
                for o in g.objects(s, p):
                    e.parent = str(o)
            e.acts_alone = any(str(v).lower() == "true" for v in g.objects(s, ns.actsAlone))
            if e.label_ar:
                e.finish()
                ents[e.iri] = e
    return ents


# ---------------------------------------------------------------- finding mentions


class Matcher:
    """Finds lexicon mentions in a sentence, longest form first, whole words only.

    Three indexes, keyed by the first folded word: names (nkg:form and the @ar
    label), capitals (nkg:capitalForm) and nisba stems (nkg:adjectiveForm, of
    states only: an organisation's nisba, الأوروبي, has no good stand-in).
    """

    def __init__(self, ents):
        self.names, self.capitals, self.nisbas = {}, {}, {}
        self.parents = {e.iri: e.parent for e in ents.values()
                        if e.kind in ("GovernmentBody", "Person")}
        state_words = {}
        for e in ents.values():
            if e.kind == "State":
                state_words[e.iri] = {norm(n) for n in e.nisbas} | {norm(f) for f in e.forms_ar}
        for e in ents.values():
            for form in e.forms_ar + e.forms_latin:
                ws = words(form)
                if not ws or (len(ws) == 1 and len(ws[0]) < 3):
                    continue   # two letters match too much that is no name
                if self._names_own_state(e, form, state_words):
                    continue
                latin = not re.search("[\u0600-\u06FF]", form)
                self.names.setdefault(ws[0], []).append((tuple(ws), e.iri, latin))
            for cap in e.capitals:
                ws = words(cap)
                self.capitals.setdefault(ws[0], []).append((tuple(ws), e.iri))
            if e.kind == "State":
                for stem in e.nisbas:
                    ws = words(stem)
                    self.nisbas.setdefault(ws[0], []).append((tuple(ws), e.iri))

    @staticmethod
    def _names_own_state(e, form, state_words):
        """A body or person form that contains its state's nisba or name.

        "وزارة الخارجية البريطانية" is left to the nisba: renamed to the
        target state's nisba it reads as that state's ministry, where
        replacing the whole body would need a body of the same role.
        """
        if e.kind not in ("GovernmentBody", "Person") or e.parent not in state_words:
            return False
        f = norm(form)
        return any(w and w in f for w in state_words[e.parent])

    def find(self, sentence):
        """Mentions in `sentence` as (start, end, slot), left to right, not overlapping."""
        toks = [(m.start(), m.end(), norm(m.group())) for m in _WORD.finditer(sentence)]
        out, i = [], 0
        while i < len(toks):
            best = self._best_at(sentence, toks, i)
            if best:
                n, slot = best
                out.append((toks[i][0], toks[i + n - 1][1], slot))
                i += n
            else:
                i += 1
        return self._merge_owner_nisba(sentence, out)

    def _merge_owner_nisba(self, sentence, found):
        """"وزارة أمن الدولة" + " الصينية": one mention of the body.

        Its stand-in's label names its own state ("وزارة الاستخبارات
        الإيرانية"); a second nisba after it would say the state twice.
        """
        out = []
        for m in found:
            if (out and m[2][0] == "nisba" and out[-1][2][0] == "name"
                    and self.parents.get(out[-1][2][1]) == m[2][1]
                    and not sentence[out[-1][1]:m[0]].strip()):
                out[-1] = (out[-1][0], m[1], out[-1][2])
            else:
                out.append(m)
        return out

    def _best_at(self, sentence, toks, i):
        """The longest mention starting at word i: (number of words, slot) or None."""
        best = None
        tok = toks[i][2]
        for p, rest in splits(tok) if len(tok) > 1 else ():
            for cand in self._candidates(sentence, toks, i, p, rest):
                if best is None or cand[0] > best[0]:
                    best = cand
        return best

    def _candidates(self, sentence, toks, i, p, rest):
        prefix = self._surface_prefix(sentence, toks[i], p)
        for ws, iri, latin in self.names.get(rest, ()):
            if self._follows(sentence, toks, i, ws):
                yield len(ws), ("name", iri, prefix, latin, len(ws) == 1)
        for ws, iri in self.capitals.get(rest, ()):
            if self._follows(sentence, toks, i, ws):
                yield len(ws), ("cap", iri, prefix)
        yield from self._nisba(sentence, toks, i, prefix, rest)

    def _nisba(self, sentence, toks, i, prefix, rest):
        art = rest.startswith("ال")
        core = rest[2:] if art else rest
        for suf in NISBA_SUFFIXES:
            if suf and not core.endswith(suf):
                continue
            stem = core[:len(core) - len(suf)]
            for ws, iri in self.nisbas.get(stem, ()):
                more = tuple(("ال" if art else "") + w + suf for w in ws[1:])
                if self._follows(sentence, toks, i, (stem,) + more):
                    yield len(ws), ("nisba", iri, prefix, art, NISBA_SURFACE.get(suf, suf))

    @staticmethod
    def _follows(sentence, toks, i, ws):
        """Whether words 2.. of `ws` follow word i, separated by spaces or hyphens only."""
        if i + len(ws) > len(toks):
            return False
        for k in range(1, len(ws)):
            if toks[i + k][2] != ws[k]:
                return False
            gap = sentence[toks[i + k - 1][1]:toks[i + k][0]]
            if len(gap) > 3 or gap.strip(" -\u00A0"):
                return False
        return True

    @staticmethod
    def _surface_prefix(sentence, tok, p):
        """The clitics as written in the source (their tashkeel kept)."""
        if not p:
            return ""
        start, end, _ = tok
        seen = 0
        for k in range(start, end):
            if norm(sentence[k]):
                seen += 1
                if seen == len(p):
                    return sentence[start:k + 1]
        return p


# ---------------------------------------------------------------- sentences and templates

# A sentence ends at . ! ? ؟ (with closing quotes after it) before a space or
# the end of the line.  Some sources join sentences with ".," (a scraping
# artefact): that comma is dropped.
_END = re.compile(r'[.!?؟]+["”»)\]]*,?(?=\s|$)')
_YEAR = re.compile(r"(?<![0-9A-Za-z\-])(19[89][0-9]|20[0-3][0-9])(?![0-9])")
_ARABIC_WORD = re.compile("[\u0621-\u064A]{2,}")
MIN_ARABIC_WORDS = 4   # drops bylines and "تابعنا على | Linkedin" lines


def open_quote(s):
    """Whether a quotation is open at the end of `s` (then it is no sentence end)."""
    return s.count('"') % 2 == 1 or s.count("“") > s.count("”")


def split_sentences(line):
    out, start = [], 0
    for m in _END.finditer(line):
        if open_quote(line[start:m.end()]) and len(line) - m.end() > 1:
            continue
        out.append(line[start:m.end()].rstrip(",").strip())
        start = m.end()
    out.append(line[start:].strip())
    return [s for s in out if s]


@dataclass
class Template:
    """A sentence cut into literal text and slots (mentions and years)."""
    pieces: list
    source: str
    para: bool           # first sentence of a paragraph in its source
    ref_year: int        # the source article's own year: years shift by date - ref_year
    nbytes: int
    needs: list          # (entity iri, role) of its slots


# Titles that stand before a person's name ("الرئيس جو بايدن").
_TITLES = tuple(norm(t) + " " for t in (
    "الرئيس", "رئيس الوزراء", "رئيسة الوزراء", "الوزير", "وزير الخارجية", "وزيرة الخارجية",
    "المتحدث", "المتحدثة", "الناطق", "المستشار", "السفير"))


def make_template(sentence, matcher, source, para, ref_year):
    pieces, needs, pos = [], [], 0
    for start, end, slot in matcher.find(sentence):
        before = sentence[pos:start]
        if slot[0] == "name":
            slot += (_context(before, pieces),)
        pieces.extend(_with_years(before))
        pieces.append(slot)
        needs.append((slot[1], slot[0]))
        pos = end
    pieces.extend(_with_years(sentence[pos:]))
    return Template(pieces, source, para, ref_year, len(sentence.encode()), needs)


def _context(before, pieces):
    """What stands before a name: "actor" (a mention right before it, as in
    "وزير الخارجية الأمريكي أنتوني بلينكن"), "title" ("الرئيس جو بايدن") or "".
    Decides how a person or body without a stand-in of its own is written."""
    if pieces and pieces[-1].__class__ is tuple and len(before) <= 2 and not before.strip():
        return "actor"
    tail = " ".join(words(before[-40:])) + " "
    return "title" if before[-1:].isspace() and tail.endswith(_TITLES) else ""


def _with_years(text):
    out, pos = [], 0
    for m in _YEAR.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        out.append(("year", int(m.group())))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


@dataclass
class Source:
    name: str
    title: Template
    body: list
    nbytes: int


def read_source(path, matcher):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    years = [int(y) for y in _YEAR.findall(text)]
    ref = max(years) if years else 0
    name = os.path.basename(path)
    sents = []
    for line in text.splitlines():
        for k, s in enumerate(split_sentences(line.strip())):
            if len(_ARABIC_WORD.findall(s)) >= MIN_ARABIC_WORDS:
                sents.append(make_template(s, matcher, name, k == 0, ref))
    if len(sents) < 2:
        return None
    return Source(name, sents[0], sents[1:], len(text.encode()))


def load_sources(dirs, matcher):
    sources = []
    for d in dirs:
        if not os.path.isdir(d):
            raise UsageError(f"corpus directory not found: {d}")
        for f in sorted(os.listdir(d)):
            if f.endswith(".txt"):
                s = read_source(os.path.join(d, f), matcher)
                if s:
                    sources.append(s)
    if not sources:
        raise UsageError(f"no articles (*.txt) in {' '.join(dirs)}")
    return sources


# ---------------------------------------------------------------- choosing the stand-ins

# How often a state whose people or bodies are named stands in for one that has
# people or bodies in the lexicon too (only the big cyber powers have them);
# otherwise they become generic voices of the new state (class Voice).
P_SPEAKERS = 0.3


class Voice:
    """A person or body of a state or organisation that has none in the lexicon:
    written as a title with the state's nisba (or the organisation's name),
    which newskg resolves to that state or organisation."""

    def __init__(self, kind, owner):
        self.kind = kind
        self.stem = owner.nisbas[0] if owner.kind == "State" else ""
        self.owner = owner.label_ar

    def say(self, prefix, context):
        if self.kind == "GovernmentBody":      # البيت الأبيض -> الحكومة الفرنسية
            return attach(prefix, "الحكومة " + render_nisba(self.stem, "", True, "ة"))
        if context == "actor":                 # وزير الخارجية الفرنسي [name] -> nothing
            return ""
        if not self.stem:                      # بوريل -> المتحدث باسم حلف شمال الأطلسي
            return attach(prefix, "المتحدث باسم " + self.owner)
        if context == "title":                 # الرئيس [name] -> الرئيس الفرنسي
            return attach(prefix, render_nisba(self.stem, "", True, ""))
        return attach(prefix, "المتحدث باسم الخارجية " + render_nisba(self.stem, "", True, "ة"))


# Entities whose stand-in follows another's: a body or person follows its
# state (partOf), a threat group its sponsor, a product its vendor.
DEPENDENT = ("GovernmentBody", "Person", "ThreatGroup", "Product")


class Casting:
    """Chooses, for one article, a stand-in for every entity its sentences mention."""

    def __init__(self, ents):
        self.ents = ents
        self.children = {}
        for e in sorted(ents.values(), key=lambda e: e.iri):
            if e.parent:
                self.children.setdefault((e.parent, e.kind), []).append(e.iri)
        self._pools = {}

    def pool(self, kind, roles):
        """Every entity of `kind` that can stand in all `roles` (sorted: deterministic)."""
        key = (kind, roles)
        if key not in self._pools:
            self._pools[key] = [e.iri for e in sorted(self.ents.values(), key=lambda e: e.iri)
                                if e.kind == kind and self._can(e, roles)]
        return self._pools[key]

    def _can(self, e, roles):
        if e.kind == "State" and not e.nisbas:
            return False   # territories and micro-states: no press coverage to imitate
        return all(self._can_role(e, r) for r in roles)

    def _can_role(self, e, role):
        if role == "cap":
            return bool(e.capitals)
        if role == "nisba":
            return bool(e.nisbas)
        if role == "alone":
            return e.acts_alone
        if role in ("GovernmentBody", "Person"):
            return (e.iri, role) in self.children
        return True

    def needs(self, templates):
        """{entity: roles} over the templates; a body or person also needs its state."""
        roles = {}
        for t in templates:
            for iri, role in t.needs:
                roles.setdefault(iri, set())
                # an organisation's seat is rare enough (بروكسل) to be written
                # as the stand-in's name when it has none
                if role == "nisba" or (role == "cap" and self.ents[iri].kind == "State"):
                    roles[iri].add(role)
        for iri in list(roles):
            e = self.ents[iri]
            if e.kind in ("GovernmentBody", "Person") and e.parent in self.ents:
                roles.setdefault(e.parent, set()).add(e.kind)
                if e.acts_alone:
                    roles[iri].add("alone")
        return roles

    def cast(self, rng, templates):
        roles = self.needs(templates)
        mapping, used = {}, set()
        # independent entities first, so that dependents can follow them
        order = sorted(roles, key=lambda i: (self.ents[i].kind in DEPENDENT, i))
        for iri in order:
            e = self.ents[iri]
            want = roles[iri]
            if e.kind in ("State", "Organization") and rng.random() >= P_SPEAKERS:
                # any state may speak: its people and bodies become generic voices
                want = want - {"Person", "GovernmentBody"}
            pick = self._follow(rng, e, want, mapping, used)
            if pick is None and e.kind in ("Person", "GovernmentBody") and e.parent in mapping:
                owner = mapping[e.parent]
                if owner.__class__ is Entity and (owner.nisbas or e.kind == "Person"):
                    mapping[iri] = Voice(e.kind, owner)
                    continue
            if pick is None:
                pick = self._choose(rng, self.pool(e.kind, frozenset(want)), used)
            if pick is None:
                pick = iri   # nothing left that fits: the mention stays as it is
            mapping[iri] = self.ents[pick]
            used.add(pick)
        return mapping

    def _follow(self, rng, e, roles, mapping, used):
        """A stand-in that belongs to the stand-in of e's state, sponsor or vendor."""
        if e.kind not in DEPENDENT or e.parent not in mapping:
            return None
        kids = self.children.get((mapping[e.parent].iri, e.kind), ())
        fitting = [k for k in kids if self._can(self.ents[k], roles)]
        return self._choose(rng, fitting, used) or self._choose(rng, kids, used)

    @staticmethod
    def _choose(rng, pool, used):
        if not pool:
            return None
        for _ in range(8):   # pools are large and articles name few entities
            c = pool[rng.randrange(len(pool))]
            if c not in used:
                return c
        free = [c for c in pool if c not in used]
        return free[rng.randrange(len(free))] if free else None


# ---------------------------------------------------------------- rendering


# Kinds whose one-word mentions get a one-word stand-in: "بلينكن" becomes a
# surname, not a full name; "إكستشينج" a product without its vendor (so that
# "مايكرسوفت إكستشينج" does not name the vendor twice).  A state keeps its
# label: "أمريكا" for "الصين" would be odd.
SHORT_KINDS = ("Person", "Product")


def render(t, mapping, year):
    """The sentence of template `t` with the stand-ins of `mapping`, years shifted to `year`."""
    shift = year - t.ref_year if t.ref_year else 0
    out = []
    for p in t.pieces:
        if p.__class__ is str:
            out.append(p)
        elif p[0] == "year":
            out.append(str(p[1] + shift))
        elif p[0] == "name":
            e = mapping[p[1]]
            if e.__class__ is Voice:
                said = e.say(p[2], p[5])
                if not said and out:
                    out[-1] = out[-1].rstrip()
                out.append(said)
            else:
                out.append(attach(p[2], e.name(latin=p[3], short=p[4] and e.kind in SHORT_KINDS)))
        elif p[0] == "cap":
            e = mapping[p[1]]
            out.append(attach(p[2], e.capitals[0] if e.capitals else e.label_ar))
        else:
            out.append(render_nisba(mapping[p[1]].nisbas[0], p[2], p[3], p[4]))
    return "".join(out)


def render_nisba(stem, prefix, art, suffix):
    """الصينية -> الإيرانية: the stem's words with the source's article and ending."""
    al = "ال" if art else ""
    ws = [al + w + suffix for w in stem.split()]
    ws[0] = attach(prefix, ws[0])
    return " ".join(ws)


# ---------------------------------------------------------------- composing articles

MAX_SENTENCES = 30
MIN_SENTENCES = 3
MIN_BYTES, MAX_BYTES = 1400, 7600      # the real articles' range
P_SKIP = 0.15       # leave out one of the spine's sentences
P_INSERT = 0.2      # add a sentence of another article after one of the spine's
RUN = (2, 5)        # sentences of another article once the spine is used up


def compose(rng, sources):
    """The templates of one article: the spine's title, runs of its body, a few others."""
    spine = sources[rng.randrange(len(sources))]
    target = min(MAX_BYTES, max(MIN_BYTES, int(spine.nbytes * rng.uniform(0.75, 1.25))))
    picked, size = [spine.title], spine.title.nbytes
    i = 0
    while len(picked) <= MAX_SENTENCES:
        if i < len(spine.body):
            t = spine.body[i]
            i += 1
            if len(picked) > 1 and rng.random() < P_SKIP:
                continue
            run = [t]
            if rng.random() < P_INSERT:
                run.append(_any_sentence(rng, sources))
        else:
            other = sources[rng.randrange(len(sources))]
            start = rng.randrange(len(other.body))
            run = other.body[start:start + rng.randint(*RUN)]
        for t in run:
            # stop before the target, not after it (real articles end short
            # of 7.6 KB), but not below the shortest real article
            if size + t.nbytes > target and size >= MIN_BYTES and len(picked) > MIN_SENTENCES:
                return picked
            picked.append(t)
            size += t.nbytes
    return picked[:MAX_SENTENCES + 1]


def _any_sentence(rng, sources):
    s = sources[rng.randrange(len(sources))]
    return s.body[rng.randrange(len(s.body))]


def join_body(templates, texts):
    """Sentences joined into paragraphs where their sources start one or change source."""
    out = []
    prev = None
    for t, s in zip(templates, texts):
        if out:
            out.append("\n" if t.para or t.source != prev else " ")
        out.append(s)
        prev = t.source
    return "".join(out)


FIRST_DAY = date(2010, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days + 1


@dataclass
class Article:
    id: str
    title: str
    date: str
    text: str


def make_article(n, seed, sources, casting, width):
    """Article number n (from 1); its own random stream, so any n can be made alone."""
    rng = random.Random(f"{seed}:{n}")
    templates = compose(rng, sources)
    mapping = casting.cast(rng, templates)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    texts = [render(t, mapping, day.year) for t in templates]
    title = texts[0]
    # the title is the text's first line, as in the .txt articles, so that both
    # output formats give newskg the same sentences
    text = title + "\n" + join_body(templates[1:], texts[1:]) + "\n"
    return Article(f"gen-{n:0{width}d}", title, day.isoformat(), text)


# ---------------------------------------------------------------- output


class JsonlWriter:
    """K articles per part-NNNNN.jsonl; each shard is written to a temporary name first."""

    def __init__(self, out, per_file):
        self.out, self.per_file = out, per_file
        self.f, self.shard, self.count = None, -1, 0
        self.files = self.bytes = 0

    def write(self, a):
        if self.f is None or self.count == self.per_file:
            self._next()
        line = json.dumps({"id": a.id, "url": f"https://example.org/gen/{a.id}", "title": a.title,
                           "date": a.date, "text": a.text}, ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        self.f.write(data)
        self.bytes += len(data)
        self.count += 1

    def _next(self):
        self.close()
        self.shard += 1
        self.count = 0
        self.path = os.path.join(self.out, f"part-{self.shard:05d}.jsonl")
        self.f = open(self.path + ".tmp", "wb", buffering=1 << 20)

    def close(self):
        if self.f:
            self.f.close()
            os.replace(self.path + ".tmp", self.path)
            self.files += 1
            self.f = None


class TxtWriter:
    """One ID.txt per article (title on the first line), K per subdirectory NNNNN/."""

    def __init__(self, out, per_file):
        self.out, self.per_file = out, min(per_file, 10000)
        self.dir, self.count, self.shard = None, 0, -1
        self.files = self.bytes = 0

    def write(self, a):
        if self.dir is None or self.count == self.per_file:
            self.shard += 1
            self.count = 0
            self.dir = os.path.join(self.out, f"{self.shard:05d}")
            os.makedirs(self.dir, exist_ok=True)
        data = a.text.encode("utf-8")
        with open(os.path.join(self.dir, a.id + ".txt"), "wb") as f:
            f.write(data)
        self.bytes += len(data)
        self.count += 1
        self.files += 1

    def close(self):
        pass


# ---------------------------------------------------------------- command line


def positive(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return n


class Parser(argparse.ArgumentParser):
    def error(self, message):   # one line, not usage + error
        die(f"{message} (see --help)")


def parse_args(argv):
    p = Parser(prog="gen_corpus.py", description=__doc__,
               formatter_class=argparse.RawDescriptionHelpFormatter,
               epilog="output:\n"
                      "  jsonl  DIR/part-00000.jsonl ..., K articles each, one object a line:\n"
                      '         {"id","url","title","date","text"}; the text starts with the title line\n'
                      "  txt    DIR/00000/gen-0000001.txt ..., title on the first line\n"
                      "A one-line summary goes to stderr; usage errors exit 2.\n"
                      "example: bench/gen_corpus.py --articles 100000 --out /tmp/news100k")
    p.add_argument("--articles", "-n", type=positive, required=True, metavar="N",
                   help="number of articles to write (1000, 10000, 100000, 1000000 ...)")
    p.add_argument("--out", "-o", required=True, metavar="DIR",
                   help="output directory (created; must be empty or new, and outside the "
                        "repository unless git ignores it, like build/)")
    p.add_argument("--seed", "-s", type=int, default=1,
                   help="random seed (default 1); same arguments give byte-identical files")
    p.add_argument("--per-file", "-k", type=positive, default=10000, metavar="K",
                   help="articles per JSON Lines file, or per subdirectory with --format txt "
                        "(default and txt maximum 10000)")
    p.add_argument("--format", "-f", choices=("jsonl", "txt"), default="jsonl",
                   help="JSON Lines shards (default) or one .txt file per article")
    p.add_argument("--corpus", "-c", action="append", metavar="DIR",
                   help="directory of real articles (*.txt) to recombine; repeatable "
                        "(default: seeds/ and dev/ of ../shared/corpus beside the repository)")
    p.add_argument("--lexicon", metavar="DIR", default=os.path.join(REPO, "ontology", "lexicon"),
                   help="lexicon directory (default: the repository's ontology/lexicon)")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty DIR, replacing the files of an earlier run")
    a = p.parse_args(argv)
    if not a.corpus:
        a.corpus = [os.path.join(SHARED, "corpus", "seeds"), os.path.join(SHARED, "corpus", "dev")]
    return a


def inside_repository(path):
    """Whether `path` lies in this checkout where git would track it (news text must not)."""
    real, repo = os.path.realpath(path), os.path.realpath(REPO)
    if os.path.commonpath([real, repo]) != repo:
        return False
    try:
        r = subprocess.run(["git", "-C", repo, "check-ignore", "-q", real],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return True   # no git to ask: assume the worst
    # 0: ignored, 1: would be tracked, 128: not a git checkout (nothing to pollute)
    return r.returncode == 1


OUR_FILES = re.compile(r"^(part-\d{5}\.jsonl(\.tmp)?|\d{5})$")


def prepare_out(out, force):
    if inside_repository(out):
        raise UsageError(f"{out} is inside the repository and not ignored by git: "
                         "generated news text must stay outside it")
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"{out} exists and is not a directory")
    os.makedirs(out, exist_ok=True)
    names = os.listdir(out)
    if names and not force:
        raise UsageError(f"{out} is not empty (use --force to replace an earlier run)")
    for n in names:   # --force: remove what an earlier run wrote, nothing else
        if OUR_FILES.match(n):
            path = os.path.join(out, n)
            if os.path.isdir(path):
                for f in os.listdir(path):
                    if f.startswith("gen-") and f.endswith(".txt"):
                        os.remove(os.path.join(path, f))
                try:
                    os.rmdir(path)
                except OSError:
                    pass
            else:
                os.remove(path)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    t0, c0 = time.monotonic(), time.process_time()
    try:
        for d in args.corpus:
            if not os.path.isdir(d):
                raise UsageError(f"corpus directory not found: {d}")
        if not os.path.isdir(args.lexicon):
            raise UsageError(f"lexicon directory not found: {args.lexicon}")
        ents = load_lexicon(args.lexicon)
        sources = load_sources(args.corpus, Matcher(ents))
        prepare_out(args.out, args.force)
    except UsageError as e:
        die(str(e))
    casting = Casting(ents)
    width = max(7, len(str(args.articles)))
    writer = (JsonlWriter if args.format == "jsonl" else TxtWriter)(args.out, args.per_file)
    try:
        for n in range(1, args.articles + 1):
            writer.write(make_article(n, args.seed, sources, casting, width))
    finally:
        writer.close()
    secs = time.monotonic() - t0
    cpu = time.process_time() - c0
    mb = writer.bytes / 1e6
    # CPU seconds beside wall seconds: on a shared machine the wall clock also
    # counts other people's work
    print(f"{PROG}: {args.articles} articles, {writer.bytes} bytes ({mb:.1f} MB), "
          f"{writer.files} files in {args.out}, {secs:.1f} s ({cpu:.1f} s CPU; "
          f"{args.articles / secs:.0f} articles/s, {mb / secs:.1f} MB/s) "
          f"from {len(sources)} real articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
