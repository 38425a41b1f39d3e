"""Writes the promo dev set: pages/*.html (whole article pages in the markup styles real CMSs use), plain/*.txt
(the same kind of text without markup) and labels.tsv (the sidecar the extractor never sees).

Run from this folder: python3 generate.py. Deterministic (fixed seed), so the committed files are reproducible.
All prose comes from bank.py, written for this repository."""
import html, os, random
from bank import BANK, AD_SCRIPTS, LIST_ITEMS

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260425)
SITE = "https://www.kabar-contoh.test"
labels = []  # (item, kind, text); kind is "body" or "promo"

def slug(text):
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())[:60]

def link(headline, absolute=False):
    href = (SITE if absolute else "") + "/" + str(rng.randint(2021, 2025)) + "/" + slug(headline) + ".html"
    return f'<a href="{html.escape(href)}">{html.escape(headline)}</a>'

def paragraph(bank, used):
    # Sentences are drawn without replacement within a page until the bank runs dry, so a page does not repeat itself.
    n = rng.choice([1, 2, 2, 3])
    fresh = [s for s in bank["sentences"] if s not in used]
    if len(fresh) < n:
        used.clear()
        fresh = list(bank["sentences"])
    picked = rng.sample(fresh, n)
    used.update(picked)
    return " ".join(picked)

def body_html(text, bank):
    # Some real paragraphs carry an inline link on a few words, as newsrooms link earlier coverage.
    words = text.split(" ")
    if len(words) > 12 and rng.random() < 0.3:
        i = rng.randint(2, len(words) - 5)
        inner = " ".join(words[i:i + 3])
        href = "/" + slug(inner) + ".html"
        return " ".join(words[:i]) + f' <a href="{href}">{html.escape(inner)}</a> ' + " ".join(words[i + 3:])
    return html.escape(text)

# Promo makers: each returns (html, [visible texts of the blocks it adds]).
def p_strong_link(b):      # WordPress and Kompas: <p><strong>Baca juga:</strong> <a>Headline</a></p>
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return f"<p><strong>{html.escape(ph)}:</strong> {link(h)}</p>", [f"{ph}: {h}"]

def p_strong_all(b):       # Kompas: the whole line bold, link inside
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return f"<p><strong>{html.escape(ph)}: {link(h)}</strong></p>", [f"{ph}: {h}"]

def p_plain_colon(b):      # custom CMSs that type the teaser by hand, no link: "Baca Juga : Headline"
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return f"<p>{html.escape(ph)} : {html.escape(h)}</p>", [f"{ph} : {h}"]

def p_upper_abs(b):        # English tabloids: READ MORE: with an absolute same-site link
    ph, h = rng.choice(b["phrases"]).upper(), rng.choice(b["headlines"])
    return f"<p><b>{html.escape(ph)}:</b> {link(h, absolute=True)}</p>", [f"{ph}: {h}"]

def p_pipe(b):             # European publishers: "Lire aussi | Titre"
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return f'<p class="article__paragraph"><span class="icon"></span><span>{html.escape(ph)}</span> | {link(h)}</p>', [f"{ph} | {h}"]

def p_no_sep_link(b):      # "Baca juga <a>Headline</a>" with no punctuation
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return f"<p>{html.escape(ph)} {link(h)}</p>", [f"{ph} {h}"]

def linksisip(b):          # detik-style inset table
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return (f'<table class="linksisip"><tbody><tr><td class="tdlinksisip"><div class="lihatjg"><strong>{html.escape(ph)}:</strong> '
            f'{link(h)}</div></td></tr></tbody></table>'), [f"{ph}: {h}"]

def label_then_link(b):    # label and headline in two paragraphs
    ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
    return f"<p><strong>{html.escape(ph)}:</strong></p>\n<p>{link(h)}</p>", [f"{ph}:", h]

def box_list(b):           # an inline box of teasers named by its class
    hs = rng.sample(b["headlines"], 2)
    cls = rng.choice(["baca-juga-box", "inline-related", "box_read-also", "artikel-terkait-inline", "readalso"])
    items = "".join(f"<li>{link(h)}</li>" for h in hs)
    return (f'<div class="{cls}"><p class="title">{html.escape(b["phrases"][0])}</p><ul>{items}</ul></div>',
            [b["phrases"][0]] + hs)

def more_from(b):          # "More from Business" list inside the body
    hs = rng.sample(b["headlines"], 3)
    items = "".join(f"<li>{link(h)}</li>" for h in hs)
    return f"<h3>{html.escape(b['more_from'])}</h3>\n<ul>{items}</ul>", [b["more_from"]] + hs

def wp_embed(b):           # WordPress post embed
    h = rng.choice(b["headlines"])
    return f'<blockquote class="wp-embedded-content" data-secret="x1y2">{link(h)}</blockquote>', [h]

def noise(b):
    t = rng.choice(b["noise"])
    tag = rng.choice(["p", "p", "h6"])
    return f"<{tag}>{html.escape(t)}</{tag}>", [t]

def ad_script(b):
    t = rng.choice(AD_SCRIPTS)
    return f"<p>{html.escape(t)}</p>", [t]

STYLES = {
    "wordpress": ("entry-content", [p_strong_link, wp_embed, label_then_link, noise, ad_script, p_no_sep_link]),
    "idcms": ("detail__body-text itp_bodycontent", [linksisip, p_strong_all, p_plain_colon, noise, box_list, p_strong_link]),
    "european": ("article__content", [p_pipe, p_strong_link, more_from, noise, box_list, label_then_link]),
    "english": ("article-body", [p_upper_abs, p_strong_link, more_from, noise, ad_script, wp_embed]),
}
LANG_STYLES = {"id": ["idcms", "wordpress"], "ms": ["idcms", "wordpress"], "en": ["english", "wordpress"]}

def page(lang, b, n, style):
    container, makers = STYLES[style]
    item = f"pages/{lang}-{style}-{n:02d}.html"
    used, blocks = set(), []
    for _ in range(rng.randint(8, 10)):
        t = paragraph(b, used)
        blocks.append(f"<p>{body_html(t, b)}</p>")
        labels.append((item, "body", t))
    # Hard negatives and subheadings are real text: they must stay.
    if rng.random() < 0.6:
        t = rng.choice(b["hard"])
        blocks.insert(rng.randint(1, len(blocks)), f"<p>{html.escape(t)}</p>")
        labels.append((item, "body", t))
    if rng.random() < 0.5:
        t = rng.choice(b["subheads"])
        blocks.insert(rng.randint(2, len(blocks)), f"<h2>{html.escape(t)}</h2>")
        labels.append((item, "body", t))
    if lang in LIST_ITEMS and rng.random() < 0.5:
        items = rng.sample(LIST_ITEMS[lang], 3)
        blocks.insert(rng.randint(2, len(blocks)), "<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in items) + "</ul>")
        labels.extend((item, "body", t) for t in items)
    for maker in rng.sample(makers, rng.randint(2, 3)):
        markup, texts = maker(b)
        blocks.insert(rng.randint(1, len(blocks)), markup)
        labels.extend((item, "promo", t) for t in texts)
    title = rng.choice(b["headlines"])
    doc = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)} - Kabar Contoh</title>
<meta property="og:type" content="article"><link rel="canonical" href="{SITE}/{lang}/{n}/{slug(title)}.html"></head>
<body><header><nav><a href="/">Beranda</a> <a href="/ekonomi/">Ekonomi</a> <a href="/olahraga/">Olahraga</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<div class="{container}">
{chr(10).join(blocks)}
</div></article>
<aside class="sidebar"><h3>Terpopuler</h3><ul><li><a href="/x.html">{html.escape(rng.choice(b["headlines"]))}</a></li></ul></aside></main>
<footer><p>Kabar Contoh is a fictional site written for the Corpus test data.</p></footer></body></html>
"""
    with open(os.path.join(HERE, item), "w", encoding="utf-8") as f:
        f.write(doc)

def plain(lang, b, n):
    item = f"plain/{lang}-{n:02d}.txt"
    used, lines = set(), []
    for _ in range(rng.randint(7, 9)):
        t = paragraph(b, used)
        lines.append(("body", t))
    if rng.random() < 0.6:
        lines.insert(rng.randint(1, len(lines)), ("body", rng.choice(b["hard"])))
    if lang in LIST_ITEMS and rng.random() < 0.5:
        at = rng.randint(1, len(lines))
        for k, t in enumerate(rng.sample(LIST_ITEMS[lang], 2)):
            lines.insert(at + k, ("body", t))
    for kind in rng.sample(["colon", "upper", "label", "noise", "ad", "nosep", "nosep"], 3):
        ph, h = rng.choice(b["phrases"]), rng.choice(b["headlines"])
        if kind == "colon": add = [f"{ph} : {h}"]
        elif kind == "upper": add = [f"{ph.upper()}: {h}"]
        elif kind == "label": add = [f"{ph}:", h]
        elif kind == "noise": add = [rng.choice(b["noise"])]
        elif kind == "nosep": add = [f"{ph} {h}"]  # no punctuation after the phrase, headline in the site's own case
        else: add = [rng.choice(AD_SCRIPTS)]
        at = rng.randint(1, len(lines))
        for k, t in enumerate(add):
            lines.insert(at + k, ("promo", t))
    with open(os.path.join(HERE, item), "w", encoding="utf-8") as f:
        f.write("\n".join(t for _, t in lines) + "\n")
    labels.extend((item, kind, t) for kind, t in lines)

os.makedirs(os.path.join(HERE, "pages"), exist_ok=True)
os.makedirs(os.path.join(HERE, "plain"), exist_ok=True)
for lang, b in BANK.items():
    styles = LANG_STYLES.get(lang, ["european", "wordpress"])
    pages = 10 if len(b["sentences"]) >= 15 else 7
    for n in range(pages):
        page(lang, b, n, styles[n % len(styles)])
    for n in range(3):
        plain(lang, b, n)

with open(os.path.join(HERE, "labels.tsv"), "w", encoding="utf-8") as f:
    f.write("# item\tkind\ttext  (kind: promo = must be removed, body = must stay verbatim)\n")
    for item, kind, text in labels:
        f.write(f"{item}\t{kind}\t{text}\n")

pages = [l for l in labels if l[0].startswith("pages/")]
print("pages:", len({l[0] for l in pages}), "promo blocks:", sum(1 for l in pages if l[1] == "promo"),
      "body paragraphs:", sum(1 for l in pages if l[1] == "body"))
txt = [l for l in labels if l[0].startswith("plain/")]
print("plain items:", len({l[0] for l in txt}), "promo lines:", sum(1 for l in txt if l[1] == "promo"),
      "body lines:", sum(1 for l in txt if l[1] == "body"))
