#!/usr/bin/python3
"""Writes JSON Lines articles whose id, url, title, date and text hold
random Unicode: Arabic with tashkeel, Latin, CJK and emoji beyond the BMP,
quotes, backslashes and the characters IRIs may not hold, bidi controls and
zero-width characters, combining marks, U+FDFA (NFKC makes 18 characters of
it), line ends of every kind and C0 controls (JSON-escaped).  Each text
holds sentences written for the tests, so that there are facts with
evidence, with random characters between and inside their words.

usage: random_articles.py SEED N [--no-controls] > FILE.jsonl
--no-controls leaves out what XML 1.0 cannot carry (for RDF/XML).
Prints to stderr how many urls are not IRIs (newskg reports each)."""
import json
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
no_controls = "--no-controls" in sys.argv
rnd = random.Random(seed)

SENTENCES = [
    "اتهمت الولايات المتحدة روسيا بشن هجوم إلكتروني على شركة مايكروسوفت.",
    "نفت الصين أي علاقة لها بالهجوم على وزارة الخارجية.",
    "وقال وزير الخارجية البريطاني إن قراصنة مرتبطين بالمخابرات الروسية نفذوا الهجوم.",
]
POOLS = [
    [chr(c) for c in range(0x0621, 0x064B)],           # Arabic letters
    [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640", "\u0670"],  # tashkeel, tatweel
    list("abcXYZ0189") + ["\u00e9", "\u00df", "\u0130", "\u0131"],
    list(" \"'\\<>{}|^`@#%&?/:;=+!*(),.[]~$"),
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u202a", "\u202b",
     "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad"],
    ["\u0301", "\u0308", "\u0654", "\ufdfa", "\ufdfb", "\ufb50", "\ufe70", "\u0660", "\u06f5"],
    ["\U0001F600", "\U0001F1F8\U0001F1E6", "\U00020000", "\u4e2d", "\u6587", "\uac00", "\u05d0"],
    ["\u00a0", "\u2003", "\u3000", "\u2028", "\u2029", "\u0085", "\t"],
]
# (U+FFFE and U+FFFF are refused by the reader: tests/data/bad-inputs.)
CONTROLS = ["\n", "\r", "\r\n", "\x01", "\x07", "\x1b", "\x1f", "\x7f", "\x9f"]
if not no_controls:
    POOLS.append(CONTROLS)
IRI_BAD = set(" \"<>{}|^`\\") | {chr(c) for c in range(0x21)} | {"\x7f"}


def junk(k):
    return "".join(rnd.choice(rnd.choice(POOLS)) for _ in range(k))


def url(i):
    """Mostly a valid absolute IRI with random Unicode in its path; one in
    five with a character IRIs may not hold."""
    path = "".join(c for c in junk(rnd.randint(0, 12)) if c not in IRI_BAD and c != "%"
                   and not ("\x80" <= c <= "\x9f"))
    u = "https://example.org/%d/%s" % (i, path)
    if rnd.random() < 0.2:
        u += rnd.choice([" ", "<", ">", '"', "{", "|", "\\", "^", "`", "%zz"])
        return u, False
    return u, True


bad_urls = 0
for i in range(n):
    words = rnd.choice(SENTENCES).split(" ")
    for _ in range(rnd.randint(0, 3)):  # random characters inside words
        k = rnd.randrange(len(words))
        w = words[k]
        cut = rnd.randint(0, len(w))
        words[k] = w[:cut] + junk(rnd.randint(1, 2)) + w[cut:]
    text = junk(rnd.randint(0, 10)) + " " + " ".join(words) + " " + junk(rnd.randint(0, 30))
    if rnd.random() < 0.5:
        text += "\n" + rnd.choice(SENTENCES) + junk(rnd.randint(0, 5))
    rec = {"id": "%d-%s" % (i, junk(rnd.randint(0, 16))), "title": junk(rnd.randint(1, 40)),
           "text": text}
    if rnd.random() < 0.7:
        rec["url"], ok = url(i)
        bad_urls += not ok
    if rnd.random() < 0.5:
        rec["date"] = rnd.choice(["2024-05-01", junk(rnd.randint(1, 12))])
    print(json.dumps(rec, ensure_ascii=rnd.random() < 0.5))
print(bad_urls, file=sys.stderr)
