"""Python trafilatura's figure on Readability's real pages, scored as `tilmech eval readability`
scores records: bags of words (letters and digits, lower case) of trafilatura.extract's text
against the text of expected.html as lxml's text_content reads it.

    pip install trafilatura lxml_html_clean
    python3 examples/compare_trafilatura.py ../shared/corpus/html-readability [worst N]
"""
import collections
import os
import sys

import lxml.html
import trafilatura


def words(text):
    bag, word = collections.Counter(), []
    for ch in text + " ":
        if ch.isalnum():
            word.append(ch)
        elif word:
            bag["".join(word).lower()] += 1
            word = []
    return bag


def main():
    folder = sys.argv[1]
    worst = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    predicted = expected = overlap = 0
    pages = []
    for page in sorted(os.listdir(folder)):
        source = os.path.join(folder, page, "source.html")
        if not os.path.exists(source):
            continue
        with open(source, encoding="utf-8", errors="replace") as f:
            got = trafilatura.extract(f.read()) or ""
        with open(os.path.join(folder, page, "expected.html"), encoding="utf-8") as f:
            want = lxml.html.fromstring(f.read()).text_content()
        ours, theirs = words(got), words(want)
        common = sum(min(n, theirs[w]) for w, n in ours.items())
        p, e = sum(ours.values()), sum(theirs.values())
        predicted, expected, overlap = predicted + p, expected + e, overlap + common
        precision, recall = common / p if p else 1.0, common / e if e else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        pages.append((f1, page, precision, recall))
    precision, recall = overlap / predicted, overlap / expected
    print(f"pages {len(pages)}: word precision {precision:.3f}, recall {recall:.3f}, "
          f"F1 {2 * precision * recall / (precision + recall):.3f}")
    for f1, page, precision, recall in sorted(pages)[:worst]:
        print(f"{page}: F1 {f1:.3f}, P {precision:.3f}, R {recall:.3f}")


main()
